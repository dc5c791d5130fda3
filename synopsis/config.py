"""Settings: the commented ``defaults.toml`` overlaid by the keys a user file sets."""

from __future__ import annotations

import copy
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError


class Config:
    """Nested settings read by section and key; unknown keys are an error, not a typo."""

    def __init__(self, values: dict[str, dict[str, Any]]) -> None:
        self._values = values

    @classmethod
    def load(cls, user_file: str | Path | None = None, **overrides: Any) -> Config:
        """Defaults, then ``user_file``, then ``section__key=value`` overrides."""
        values = tomllib.loads(resources.files(__package__).joinpath("defaults.toml").read_text())
        if user_file is not None:
            path = Path(user_file)
            try:
                user = tomllib.loads(path.read_text(encoding="utf-8"))
            except OSError as exc:
                raise ConfigError(f"{path}: cannot read config file ({exc.strerror})") from None
            except tomllib.TOMLDecodeError as exc:
                raise ConfigError(f"{path}: not valid TOML ({exc})") from None
            _merge(values, user, str(path))
        return cls(values).with_values(**overrides)

    def with_values(self, **overrides: Any) -> Config:
        """A copy with ``section__key=value`` overrides (None leaves a key as it is)."""
        values = copy.deepcopy(self._values)
        for dotted, value in overrides.items():
            if value is not None:
                section, _, key = dotted.partition("__")
                _merge(values, {section: {key: value}}, "override")
        return Config(values)

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """Every setting, as plain data (to hand to another process)."""
        return copy.deepcopy(self._values)

    def get(self, section: str, key: str) -> Any:
        return self._values[section][key]

    def section(self, section: str) -> dict[str, Any]:
        return copy.deepcopy(self._values.get(section, {}))


def _merge(base: dict[str, Any], user: dict[str, Any], origin: str) -> None:
    for section, table in user.items():
        if section not in base or not isinstance(table, dict):
            raise ConfigError(f"{origin}: unknown section [{section}]; see defaults.toml for the valid ones")
        for key, value in table.items():
            if key not in base[section]:
                raise ConfigError(f"{origin}: unknown key {section}.{key}; see defaults.toml for the valid ones")
            base[section][key] = value
