/* MijnGemeente: optional enhancements. Every page works without this file.
   Elements opt in with data-module. */
(function () {
  "use strict";

  function sessionTimeout(root) {
    var dialog = root.querySelector("[data-session-dialog]");
    var statusUrl = root.getAttribute("data-status-url");
    var warning = parseInt(root.getAttribute("data-warning-seconds"), 10) || 120;
    if (!dialog || !statusUrl || typeof dialog.showModal !== "function") return;

    function expired() {
      window.location.assign("/inloggen-nodig?reden=verlopen");
    }

    function schedule(secondsLeft) {
      if (secondsLeft <= 0) return expired();
      if (secondsLeft <= warning) {
        if (!dialog.open) dialog.showModal();
        window.setTimeout(check, Math.min(secondsLeft, 30) * 1000);
        return;
      }
      // Wake up just before the warning is due, and at least once a minute (another tab may extend).
      window.setTimeout(check, Math.min(secondsLeft - warning, 60) * 1000);
    }

    function check() {
      fetch(statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (status) {
          if (!status.logged_in) return expired();
          if (status.seconds_left > warning && dialog.open) dialog.close();
          schedule(status.seconds_left);
        })
        .catch(function () { window.setTimeout(check, 60000); });
    }

    check();
  }

  // GOV.UK / NL Design System pattern: the summary takes focus on load; a link in it focuses the first
  // input of its question and scrolls its label or legend into view (a plain anchor would hide the question).
  function errorSummary(root) {
    root.focus();
    root.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var input = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!input) return;
      event.preventDefault();
      var legend = input.closest("fieldset") && input.closest("fieldset").querySelector("legend");
      var label = legend || document.querySelector("label[for='" + input.id + "']") || input;
      label.scrollIntoView();
      input.focus({ preventScroll: true });
    });
  }

  var modules = { "session-timeout": sessionTimeout, "error-summary": errorSummary };
  document.querySelectorAll("[data-module]").forEach(function (element) {
    var start = modules[element.getAttribute("data-module")];
    if (start) start(element);
  });
})();
