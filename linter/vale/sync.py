"""`copydesk vale sync`: install a `.vale.ini`'s `Packages` that are on disk, where Vale's `vale sync` puts them.

A package is a zip file or a folder holding a folder of its own name. Its content goes where Vale's sync puts it:
a style-only package (no `styles` folder, no `.vale.ini`) is copied to `StylesPath/NAME`; a complete one has each
entry of its `styles` folder copied into StylesPath (its `config/vocabularies`, `config/dictionaries`, ... merged
entry by entry into StylesPath's), the packages its own `.vale.ini` names installed first, and that `.vale.ini`
copied to `StylesPath/.vale-config/INDEX-NAME.ini`, which the next lint run reads before the project's config.

A package Vale would download (a name from Vale's package library, or a URL) is never fetched: copydesk does not use
the network. When its files are already under StylesPath (from an earlier `vale sync`), they are kept; otherwise the
sync stops before changing anything. Every package is unpacked and copied to a staging folder first, then moved into
place, so a sync that fails leaves the old styles as they were.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field

from linter.vale.config import PIPELINE_DIR
from linter.vale.ini import GLOBAL, read_ini

# The folders of StylesPath/config that a package's own merge into, entry by entry (Vale's `core.ConfigDirs`).
CONFIG_DIRS = [os.path.join("config", d) for d in ("vocabularies", "dictionaries", "templates", "ignore", "actions")]
CONFIG_DIRS.append(os.path.join("config", "scripts"))


class SyncError(Exception):
    """A package that cannot be installed here; the message names it and says what to do."""


def packages_of(ini_path: str) -> list[str]:
    """The `Packages` of a config file, as Vale reads them (the key's first value, split at commas)."""
    value = read_ini([ini_path]).first(GLOBAL, "Packages")
    return [p.strip() for p in value.split(",") if p.strip()]


def styles_path_of(ini_path: str) -> str:
    """The config file's `StylesPath` (its last value), joined to the file's folder ("" when it has none)."""
    values = read_ini([ini_path]).sections[GLOBAL].get("StylesPath")
    if not values:
        return ""
    return os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(ini_path)), os.path.expanduser(values[-1])))


def package_name(source: str) -> str:
    """Vale's name for a package: the last part of its path or URL without its extension."""
    base = os.path.basename(source.rstrip("/\\").split("?")[0])
    return os.path.splitext(base)[0]


@dataclass
class Plan:
    """What a sync will do: destination (relative to StylesPath) -> source, in the order Vale copies them."""

    styles: str
    staging: str
    copies: dict[str, str] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)  # messages for downloaded packages found on disk
    missing: list[str] = field(default_factory=list)  # messages for downloaded packages that are not
    installed: int = 0
    open_packages: list[str] = field(default_factory=list)  # the package being planned and those that named it

    def add(self, destination: str, source: str) -> None:
        self.copies.pop(destination, None)  # a later package replaces the entry, as Vale's copy does
        self.copies[destination] = source


def plan_package(plan: Plan, source: str, index: int, config_name: str) -> bool:
    """Add one package (and those its config names) to the plan; True when it is installed from disk."""
    name = package_name(source)
    key = os.path.abspath(source) if os.path.exists(source) else source
    if key in plan.open_packages:
        raise SyncError(f"{source}: the package names itself among its Packages ({config_name})")
    plan.open_packages.append(key)
    try:
        return _plan_package(plan, source, name, index, config_name)
    finally:
        plan.open_packages.pop()


def _plan_package(plan: Plan, source: str, name: str, index: int, config_name: str) -> bool:
    if os.path.isdir(source):
        _plan_tree(plan, os.path.dirname(os.path.abspath(source.rstrip("/\\"))), name, index, config_name)
        return True
    if os.path.isfile(source):
        if not zipfile.is_zipfile(source):
            raise SyncError(f"{source}: not a zip file (a local package is a zip file or a folder)")
        unpacked = tempfile.mkdtemp(prefix="unpacked-", dir=plan.staging)
        try:
            with zipfile.ZipFile(source) as archive:
                archive.extractall(unpacked)
        except (zipfile.BadZipFile, OSError) as error:
            raise SyncError(f"{source}: cannot unpack the zip file: {error}") from error
        _plan_tree(plan, unpacked, name, index, source)
        return True
    on_disk = _installed_copy(plan.styles, name)
    where = "a URL" if re.match(r"[a-z][a-z0-9+.-]*://", source, re.I) else "a name in Vale's package library"
    if on_disk:
        plan.kept.append(
            f"sync: {source}: not downloaded ({where}; copydesk never uses the network); "
            f"kept the copy already in StylesPath ({on_disk})"
        )
    else:
        plan.missing.append(
            f"sync: {source} ({config_name}) is {where}, which Vale downloads and copydesk does not (it never uses "
            f"the network): run `vale sync` once where the network is allowed and commit StylesPath "
            f"({plan.styles}), or name a local zip file or folder in Packages"
        )
    return False


def _installed_copy(styles: str, name: str) -> str:
    """Where an earlier sync left a package's files ("" when nowhere): its style folder or its pipeline config."""
    if os.path.isdir(os.path.join(styles, name)):
        return os.path.join(styles, name)
    pipeline = os.path.join(styles, PIPELINE_DIR)
    if os.path.isdir(pipeline):
        for entry in sorted(os.listdir(pipeline)):
            if re.fullmatch(rf"\d+-{re.escape(name)}\.ini", entry):
                return os.path.join(pipeline, entry)
    return ""


def _plan_tree(plan: Plan, folder: str, name: str, index: int, source: str) -> None:
    root = os.path.join(folder, name)
    styles_dir = os.path.join(root, "styles")
    own_config = os.path.join(root, ".vale.ini")
    if not os.path.isdir(styles_dir) and not os.path.isfile(own_config):
        if not os.path.isdir(root):
            raise SyncError(f"{source}: the package has no folder named '{name}' at its top")
        plan.add(name, root)  # style-only
        return
    if os.path.isdir(styles_dir):
        for entry in sorted(os.listdir(styles_dir)):
            if entry != "config" or not os.path.isdir(os.path.join(styles_dir, entry)):
                plan.add(entry, os.path.join(styles_dir, entry))
        for config_dir in CONFIG_DIRS:
            inside = os.path.join(styles_dir, config_dir)
            if os.path.isdir(inside):
                for entry in sorted(os.listdir(inside)):
                    plan.add(os.path.join(config_dir, entry), os.path.join(inside, entry))
    if os.path.isfile(own_config):
        for nested_index, nested in enumerate(packages_of(own_config)):
            plan_package(plan, nested, nested_index, os.path.join(name, ".vale.ini"))
        plan.add(os.path.join(PIPELINE_DIR, f"{index}-{name}.ini"), own_config)


def apply(plan: Plan, clear_pipeline: bool) -> None:
    """Copy every planned entry into the staging folder, then move each into place (the old one aside first);
    on any error the entries already moved are put back."""
    ready = []
    for number, (destination, source) in enumerate(plan.copies.items()):
        staged = os.path.join(plan.staging, f"new-{number}")
        if os.path.isdir(source):
            shutil.copytree(source, staged)
        else:
            shutil.copy2(source, staged)
        ready.append((staged, os.path.join(plan.styles, destination)))
    moved: list[tuple[str, str | None]] = []  # (destination, where the old entry was put aside)
    old = os.path.join(plan.staging, "old")
    os.mkdir(old)
    try:
        if clear_pipeline and os.path.isdir(os.path.join(plan.styles, PIPELINE_DIR)):
            aside = os.path.join(old, "pipeline")
            os.rename(os.path.join(plan.styles, PIPELINE_DIR), aside)
            moved.append((os.path.join(plan.styles, PIPELINE_DIR), aside))
        for number, (staged, destination) in enumerate(ready):
            aside = None
            if os.path.lexists(destination):
                aside = os.path.join(old, str(number))
                os.rename(destination, aside)
            moved.append((destination, aside))
            os.makedirs(os.path.dirname(destination), exist_ok=True)
            os.rename(staged, destination)
    except OSError:
        for destination, aside in reversed(moved):
            if os.path.isdir(destination) and not os.path.islink(destination):
                shutil.rmtree(destination, ignore_errors=True)
            elif os.path.lexists(destination):
                os.remove(destination)
            if aside is not None:
                os.rename(aside, destination)
        raise


def sync(ini_path: str, styles: str, warn) -> str:
    """Install the config's packages into `styles`; the line to print on success. Raises SyncError (nothing
    changed) when a package cannot be installed here."""
    packages = packages_of(ini_path)
    os.makedirs(styles, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=".copydesk-sync-", dir=styles)
    try:
        plan = Plan(styles, staging)
        for index, source in enumerate(packages):
            plan.installed += plan_package(plan, source, index, os.path.basename(ini_path))
        if plan.missing:
            raise SyncError("\n".join(plan.missing))
        for message in plan.kept:
            warn(message)
        apply(plan, clear_pipeline=not plan.kept)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return f" SUCCESS  Synced {plan.installed} package(s) to '{styles}'."  # pterm's success line, uncoloured
