"""The only modules that import models and run queries."""
