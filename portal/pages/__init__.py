from portal.pages.views import bp

__all__ = ["bp"]
