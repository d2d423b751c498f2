"""`secondround deploy`: build/site/ as a new commit on a branch of a public repository.

The candidate's own repository is never touched: the commit is made in a
throw-away git directory whose work tree is build/site/, on top of the branch
as the remote has it, so the history of the published site is kept.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from builder.core.errors import UserError
from builder.core.models import Site
from builder.core.words import Locale, builtin_themes, load_locale
from builder.core.workers import cores
from builder.load.portfolio import Portfolio
from builder.load.read import load, locale_of
from builder.publish.incremental import CACHE, Manifest, changes, read_inputs
from builder.publish.stage import check_privacy


@dataclass(frozen=True)
class Deployed:
    remote: str
    branch: str
    commit: str | None  # None when nothing changed
    files: int


def deploy(
    root: Path, remote: str | None, branch: str | None, message: str | None, out: Path | None = None
) -> Deployed:
    out = (out or root / "build").resolve()
    portfolio = load(root)
    t = load_locale(root, portfolio.site.theme, portfolio.site.language)
    site = out / "site"
    require_current_build(root, out, portfolio)
    check_privacy(site, portfolio, locale_of(root), cache=out / CACHE, jobs=cores())
    target = remote_url(root, remote or portfolio.site.deploy.repository, t)
    branch = branch or portfolio.site.deploy.branch
    profile = portfolio.profile.meta
    author = (profile.name, profile.email or "secondround@localhost")
    message = message or t("deploy.commit_message", title=portfolio.site.title)
    return publish(site, target, branch, message, author, t)


def require_current_build(root: Path, out: Path, portfolio: Portfolio) -> None:
    """Refuse to publish a missing build, or one the sources no longer make, saying what differs."""
    t = load_locale(root, portfolio.site.theme, portfolio.site.language)
    manifest = Manifest.read(out)
    home = root.resolve()
    where = out.relative_to(home).as_posix() + "/" if out.is_relative_to(home) else str(out)
    if not (out / "site").is_dir() or manifest.inputs is None:
        raise UserError(t("deploy.no_build", out=where), t("deploy.no_build_hint"))
    differences = out_of_date(root, portfolio.site, manifest, t)
    if differences:
        raise UserError(
            t("deploy.stale", out=where, differences="; ".join(differences)),
            t("deploy.stale_hint"),
        )


def out_of_date(root: Path, site: Site, manifest: Manifest, t: Locale) -> list[str]:
    """Why build/site/ is not the site the sources make now, one reason per kind, or nothing.

    The comparison is the one `build` makes, minus what only the private kit depends on, so
    deploy refuses only when build would build again: the two never contradict each other."""
    assert manifest.inputs is not None, "checked by deploy()"
    built = manifest.inputs
    now = read_inputs(root, builtin_themes(), Path(__file__).resolve().parent.parent, built.options)
    found = changes(built, now)
    reasons = [t("deploy.preview")] if built.options.get("preview") else []
    for key, files in (("changed", found.changed), ("added", found.added),
                       ("removed", found.removed), ("program", found.program)):  # fmt: skip
        if files:
            reasons.append(t(f"deploy.{key}", files=_some(files, t)))
    if "site.yml" in found.changed:
        reasons += [
            t("deploy.option", name=name, built=before, now=after)
            for name, before, after in option_changes(manifest.site_options, site)
        ]
    reasons += [
        t("deploy.version", package=package, built=before, installed=after)
        for package, before, after in found.versions
    ]
    return reasons


def option_changes(built: dict[str, object], site: Site) -> list[tuple[str, object, object]]:
    """The settings of site.yml that differ from those of the build, by dotted name."""
    old, new = _flat(built), _flat(site.model_dump(mode="json"))
    return [(n, old.get(n), new.get(n)) for n in sorted(old.keys() | new.keys())
            if old.get(n) != new.get(n)]  # fmt: skip


def _flat(values: dict[str, object], prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in values.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{key}."))
        else:
            flat[prefix + key] = value
    return flat


def _some(names: list[str], t: Locale, most: int = 5) -> str:
    """A few names, and how many more: enough to see what happened without a wall of paths."""
    shown = ", ".join(names[:most])
    return shown if len(names) <= most else t("deploy.more", names=shown, count=len(names) - most)


def shown(remote: str) -> str:
    """A remote as it may be printed: never with the token a CI job puts in its URL."""
    return re.sub(r"//[^/@]+@", "//***@", remote)


def remote_url(root: Path, remote: str | None, t: Locale | None = None) -> str:
    """OWNER/NAME → a GitHub URL; a URL or path as it is; otherwise a remote of the repository
    (a refusal in the words of `t`, by default those of the portfolio)."""
    if remote is None:
        remote = "origin"
    if re.fullmatch(r"[\w.-]+/[\w.-]+", remote) and not (root / remote).exists():
        return f"https://github.com/{remote}.git"
    if "://" in remote or remote.startswith("git@") or Path(remote).is_absolute():
        return remote
    t = t or locale_of(root)
    found = _git(["remote", "get-url", remote], t, cwd=root, check=False)
    if found.returncode != 0:
        raise UserError(t("deploy.no_remote", remote=remote), t("deploy.no_remote_hint"))
    return found.stdout.strip()


def publish(
    site: Path, remote: str, branch: str, message: str, author: tuple[str, str], t: Locale
) -> Deployed:
    with tempfile.TemporaryDirectory(prefix="secondround-deploy-") as scratch:
        git_dir = Path(scratch) / "git"
        env = {**os.environ, "GIT_DIR": str(git_dir), "GIT_WORK_TREE": str(site),
               "GIT_AUTHOR_NAME": author[0], "GIT_AUTHOR_EMAIL": author[1],
               "GIT_COMMITTER_NAME": author[0], "GIT_COMMITTER_EMAIL": author[1]}  # fmt: skip
        _git(["init", "--quiet"], t, env=env)
        fetched = _git(
            ["fetch", "--quiet", remote, f"refs/heads/{branch}:refs/remotes/site/{branch}"],
            t,
            env=env,
            check=False,
        )
        parent = None
        if fetched.returncode == 0:
            parent = _git(["rev-parse", f"refs/remotes/site/{branch}"], t, env=env).stdout.strip()
        elif (
            "couldn't find remote ref" not in fetched.stderr
            and "not found" not in fetched.stderr.lower()
        ):
            raise UserError(
                t("deploy.unreachable", remote=shown(remote), reason=fetched.stderr.strip()),
                t("deploy.unreachable_hint"),
            )
        _git(["add", "--all", "--force", "."], t, env=env)
        tree = _git(["write-tree"], t, env=env).stdout.strip()
        files = len(_git(["ls-files"], t, env=env).stdout.splitlines())
        if parent and _git(["rev-parse", f"{parent}^{{tree}}"], t, env=env).stdout.strip() == tree:
            return Deployed(shown(remote), branch, None, files)
        command = ["commit-tree", tree, "-m", message] + (["-p", parent] if parent else [])
        commit = _git(command, t, env=env).stdout.strip()
        pushed = _git(
            ["push", "--quiet", remote, f"{commit}:refs/heads/{branch}"], t, env=env, check=False
        )
        if pushed.returncode != 0:
            raise UserError(
                t("deploy.push_failed", remote=shown(remote), reason=pushed.stderr.strip()),
                t("deploy.push_failed_hint"),
            )
        return Deployed(shown(remote), branch, commit, files)


def _git(
    args: list[str],
    t: Locale,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    # git's own messages in English whatever the machine's language: deploy reads some of them
    # ("couldn't find remote ref" on a first deploy), and shows the rest as they come.
    english = {**(env if env is not None else os.environ), "LC_ALL": "C", "LANGUAGE": ""}
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=english, capture_output=True, text=True, check=False
    )
    if check and done.returncode != 0:
        raise UserError(
            t("deploy.git_failed", command=args[0], reason=done.stderr.strip()),
            t("deploy.git_failed_hint"),
        )
    return done
