"""The HTTP service and classroom page over the stance library: ``create_app`` builds it, ``stance-serve`` runs it."""


def __getattr__(name):
    # Imported on first use, so that ``stance-serve`` can set up multiprocess metrics before
    # prometheus_client is imported.
    if name == "create_app":
        from .app import create_app
        return create_app
    raise AttributeError(f"module 'service' has no attribute {name!r}")


__all__ = ["create_app"]
