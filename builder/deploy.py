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

from builder.errors import UserError
from builder.incremental import CACHE, Manifest, inputs_digest
from builder.load import load, locale_of
from builder.publish import check_privacy
from builder.theme import builtin_themes


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
    site = out / "site"
    manifest = Manifest.read(out)
    if not site.is_dir() or manifest.inputs is None:
        raise UserError(f"there is no build in {out}", "run `secondround build` first")
    options = manifest.options
    if (
        options is None
        or inputs_digest(root, builtin_themes(), Path(__file__).parent, options) != manifest.inputs
    ):
        raise UserError(
            "the build is older than the content", "run `secondround build` again, then deploy"
        )
    check_privacy(site, portfolio, locale_of(root), cache=out / CACHE, jobs=_cores())
    target = remote_url(root, remote or portfolio.site.deploy.repository)
    branch = branch or portfolio.site.deploy.branch
    profile = portfolio.profile.meta
    author = (profile.name, profile.email or "secondround@localhost")
    return publish(site, target, branch, message or f"Publish {portfolio.site.title}", author)


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def shown(remote: str) -> str:
    """A remote as it may be printed: never with the token a CI job puts in its URL."""
    return re.sub(r"//[^/@]+@", "//***@", remote)


def remote_url(root: Path, remote: str | None) -> str:
    """OWNER/NAME → a GitHub URL; a URL or path as it is; otherwise a remote of the repository."""
    if remote is None:
        remote = "origin"
    if re.fullmatch(r"[\w.-]+/[\w.-]+", remote) and not (root / remote).exists():
        return f"https://github.com/{remote}.git"
    if "://" in remote or remote.startswith("git@") or Path(remote).is_absolute():
        return remote
    found = _git(["remote", "get-url", remote], cwd=root, check=False)
    if found.returncode != 0:
        raise UserError(
            f"no git remote named '{remote}'",
            "pass --remote OWNER/NAME or a git URL, or set deploy.repository in site.yml",
        )
    return found.stdout.strip()


def publish(
    site: Path, remote: str, branch: str, message: str, author: tuple[str, str]
) -> Deployed:
    with tempfile.TemporaryDirectory(prefix="secondround-deploy-") as scratch:
        git_dir = Path(scratch) / "git"
        env = {**os.environ, "GIT_DIR": str(git_dir), "GIT_WORK_TREE": str(site),
               "GIT_AUTHOR_NAME": author[0], "GIT_AUTHOR_EMAIL": author[1],
               "GIT_COMMITTER_NAME": author[0], "GIT_COMMITTER_EMAIL": author[1]}  # fmt: skip
        _git(["init", "--quiet"], env=env)
        fetched = _git(
            ["fetch", "--quiet", remote, f"refs/heads/{branch}:refs/remotes/site/{branch}"],
            env=env,
            check=False,
        )
        parent = None
        if fetched.returncode == 0:
            parent = _git(["rev-parse", f"refs/remotes/site/{branch}"], env=env).stdout.strip()
        elif (
            "couldn't find remote ref" not in fetched.stderr
            and "not found" not in fetched.stderr.lower()
        ):
            raise UserError(
                f"cannot reach {remote}: {fetched.stderr.strip()}",
                "check the address and your access rights",
            )
        _git(["add", "--all", "--force", "."], env=env)
        tree = _git(["write-tree"], env=env).stdout.strip()
        files = len(_git(["ls-files"], env=env).stdout.splitlines())
        if parent and _git(["rev-parse", f"{parent}^{{tree}}"], env=env).stdout.strip() == tree:
            return Deployed(shown(remote), branch, None, files)
        command = ["commit-tree", tree, "-m", message] + (["-p", parent] if parent else [])
        commit = _git(command, env=env).stdout.strip()
        pushed = _git(
            ["push", "--quiet", remote, f"{commit}:refs/heads/{branch}"], env=env, check=False
        )
        if pushed.returncode != 0:
            raise UserError(
                f"push to {remote} failed: {pushed.stderr.strip()}",
                "check your access rights to that repository",
            )
        return Deployed(shown(remote), branch, commit, files)


def _git(
    args: list[str], cwd: Path | None = None, env: dict[str, str] | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if check and done.returncode != 0:
        raise UserError(
            f"git {args[0]} failed: {done.stderr.strip()}",
            "check that git is installed and working",
        )
    return done
