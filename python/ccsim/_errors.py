"""The errors ccsim raises."""


class InputError(ValueError):
    """A scenario, patch or option ccsim cannot accept.

    ``problems`` holds every problem found, not just the first, each a dict with ``file``,
    ``pointer`` (a JSON pointer such as ``/agent_groups/2/staffing/7``, ``LINE:COLUMN`` for
    invalid JSON, or empty), ``message`` and ``text`` (the line ``ccsim`` would print).
    """

    def __init__(self, message, problems=()):
        super().__init__(message)
        self.problems = list(problems)
