"""Data built once per test module for the tests that only read it (issue 15: "shared read-only
data built once per module"). A module of matrix tests (every role × every page or endpoint)
otherwise builds the same personas, cycle and actions again for each of its hundreds of cases.

In such a module:

    globals().update(shared_fixtures(conftest.uitkeren, conftest.coordinator, ..., world))

Each fixture named here is then built once for the module, inside a transaction around the
module's tests (`module_db` in tests/conftest.py) that is rolled back after its last test; each
test still runs in a savepoint of its own, so what a test writes is gone before the next one.
A test receives fresh copies, read from the database: a test that refreshes or changes an object
it was handed leaves nothing behind in memory for the next test.

Rules, checked where they can be: every fixture a shared fixture depends on is shared as well
(pytest refuses a module-scoped fixture that needs a per-test one); the module has no
transactional tests and no tests on the shared demo (`pytest_runtest_setup` fails them); and its
other database tests run inside the same transaction, so they see the shared data. The builds
run in the order the fixtures are named, at the module's first test."""

import inspect
from collections.abc import Mapping

import pytest
from django.core.cache import cache
from django.db import models

# Parameters a fixture function may take that the shared build passes as None: `db` only orders
# a per-test fixture after the test's transaction, which `module_db` replaces.
_NOT_PASSED = {"db"}


def _shared_name(name: str) -> str:
    return f"_shared_{name}"


def fresh_copy(value):
    """`value` with every model instance in it read again from the database (dicts, lists and
    tuples are copied; other values are kept as they are)."""
    if isinstance(value, models.Model):
        return type(value)._base_manager.get(pk=value.pk)
    if isinstance(value, Mapping):
        return {key: fresh_copy(item) for key, item in value.items()}
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple
        return type(value)(*(fresh_copy(item) for item in value))
    if isinstance(value, list | tuple | set | frozenset):
        return type(value)(fresh_copy(item) for item in value)
    if isinstance(value, models.QuerySet):
        return value.all()  # evaluated anew by each test
    return value


def _with_parameters(function, parameters: list[str]):
    """`function(**arguments)` declaring `parameters` as its own: pytest reads a fixture's
    dependencies from its signature, and only dependencies it sees in advance are set up in the
    order of their scopes (the module's transaction before the test's own)."""
    function.__signature__ = inspect.Signature(
        [inspect.Parameter(p, inspect.Parameter.KEYWORD_ONLY) for p in parameters]
    )
    return function


def _module_build(name: str, function, parameters: list[str]):
    needs = [_shared_name(p) for p in parameters if p not in _NOT_PASSED]

    def build(module_db, **shared):
        arguments = {
            parameter: None if parameter in _NOT_PASSED else shared[_shared_name(parameter)]
            for parameter in parameters
        }
        with module_db.unblock():
            return function(**arguments)

    build = _with_parameters(build, ["module_db", *needs])
    return pytest.fixture(scope="module", name=_shared_name(name))(build)


def _per_test_copy(name: str):
    def copy(db, **shared):
        return fresh_copy(shared[_shared_name(name)])

    copy = _with_parameters(copy, ["db", _shared_name(name)])
    return pytest.fixture(name=name)(copy)


def shared_fixtures(*fixtures) -> dict:
    """For each of `fixtures` (pytest fixture functions, e.g. `tests.conftest.cycle`): a fixture
    of the same name that hands each test a fresh copy of one build per module, and the
    module-scoped build behind it. To be put into the test module's namespace."""
    # In the order given: the builds run in it (a world may count on a unit made after the
    # cycle, as its own fixture signature orders them).
    names = [fixture.name for fixture in fixtures]
    found: dict = {}
    for fixture in fixtures:
        function = fixture._get_wrapped_function()
        if inspect.isgeneratorfunction(function):
            # Its teardown would run after the module's transaction, or never.
            raise ValueError(f"{fixture.name} yields: share only fixtures that return.")
        parameters = list(inspect.signature(function).parameters)
        missing = [p for p in parameters if p not in _NOT_PASSED and p not in names]
        if missing:
            raise ValueError(f"{fixture.name} needs {missing}: share them as well.")
        found[_shared_name(fixture.name)] = _module_build(fixture.name, function, parameters)
        found[fixture.name] = _per_test_copy(fixture.name)
    found["_shared_data_of_module"] = _all_built_first([_shared_name(name) for name in names])
    found["_fresh_cache_per_test"] = _fresh_cache
    return found


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The personas keep their keys for the whole module: counters the app keeps per user in
    the cache (refusals in the security log, login attempts) start afresh for each test, as they
    did when each test made its own users."""
    cache.clear()
    yield
    cache.clear()


def _all_built_first(builds: list[str]):
    """Every build of the module, set up before each test's own transaction: a test that asks
    for a persona by name (`request.getfixturevalue`) would otherwise build it inside its own
    transaction, which is rolled back after it."""

    def built(**shared):
        return None

    built = _with_parameters(built, builds)
    return pytest.fixture(scope="module", autouse=True)(built)
