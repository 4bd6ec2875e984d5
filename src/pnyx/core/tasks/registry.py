"""Declaring tasks: each name stands for one function and says how its jobs are run."""

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from django.utils.functional import Promise

DEFAULT_MAX_ATTEMPTS = 3
DEFAULT_TIMEOUT = timedelta(minutes=15)
#: Names `enqueue` keeps for itself; a task cannot take arguments by these names.
RESERVED_ARGUMENTS = frozenset({"key", "owner", "run_after"})

Function = TypeVar("Function", bound=Callable[..., Any])


@dataclass(frozen=True)
class Task:
    """A registered task: the function a job's name stands for, and how its jobs are run."""

    name: str
    function: Callable[..., Any]
    every: timedelta | None = None
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    timeout: timedelta = DEFAULT_TIMEOUT


class TaskAlreadyRegistered(ValueError):
    pass


class UnknownTask(LookupError):
    pass


class TaskFailed(Exception):
    """Raised by a task to stop its job for good, with a message for the person who asked.

    The job is not retried. Any other exception is logged with its traceback and the person sees
    only that the task stopped on an unexpected error.
    """

    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = message


_registry: dict[str, Task] = {}


def task(
    name: str,
    *,
    every: timedelta | None = None,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    timeout: timedelta = DEFAULT_TIMEOUT,
) -> Callable[[Function], Function]:
    """Register the decorated function as the task `name` (`<app>.<what it does>`).

    The function takes keyword arguments that JSON can carry and returns a small JSON-ready result
    (or None); it stays callable directly. `every` makes it periodic (it then takes no arguments);
    `timeout` is how long a run may last before its worker is presumed dead.
    """
    if every is not None and every <= timedelta(0):
        raise ValueError(f"Task {name!r}: `every` must be a positive duration.")
    if max_attempts < 1:
        raise ValueError(f"Task {name!r}: `max_attempts` must be at least 1.")

    def register(function: Function) -> Function:
        clash = RESERVED_ARGUMENTS & set(inspect.signature(function).parameters)
        if clash:
            raise TypeError(f"Task {name!r} cannot take arguments named {sorted(clash)}.")
        definition = Task(name, function, every, max_attempts, timeout)
        existing = _registry.get(name)
        if existing is not None and existing != definition:
            raise TaskAlreadyRegistered(f"A task {name!r} is already registered.")
        _registry[name] = definition
        return function

    return register


def get(name: str) -> Task:
    """The registered task `name`; `UnknownTask` when no app declares it."""
    try:
        return _registry[name]
    except KeyError:
        raise UnknownTask(f"No task is registered as {name!r}.") from None


def find(name: str) -> Task | None:
    """The registered task `name`, or None (a job may name a task its app no longer declares)."""
    return _registry.get(name)


def registered() -> list[Task]:
    """Every registered task, ordered by name."""
    return sorted(_registry.values(), key=lambda definition: definition.name)
