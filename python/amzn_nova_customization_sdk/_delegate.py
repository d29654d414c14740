"""Properties that read the compiled core object (`self._core`) an instance wraps."""


def core_property(name, doc=None, convert=None):
    """A read-only property returning `self._core.<name>`, passed through `convert` when given."""
    def get(self):
        value = getattr(self._core, name)
        return convert(value) if convert is not None and value is not None else value
    return property(get, doc=doc)
