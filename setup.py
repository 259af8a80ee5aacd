"""Build configuration that pyproject.toml cannot express: the rule files stay in the top-level
``resources/`` folder (one copy) and are installed as the package ``unmark._rules``, read with
``importlib.resources`` (see unmark/resources.py). Everything else is in pyproject.toml."""
from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["unmark", "unmark.*"]) + ["unmark._rules"],
    package_dir={"unmark._rules": "resources"},
)
