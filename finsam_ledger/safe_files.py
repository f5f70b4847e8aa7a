"""Writing users' files without losing a line.

Every command that writes a file goes through this module, so the rules
hold for all of them:

* **Atomic.** New content goes to a temporary file in the same folder,
  which then replaces the target by a rename: a reader sees the old file or
  the new one, never half of one. Temporary files are named
  ``.<name>.finsam-tmp-*``; one left by a killed run is removed by the next
  write to the same target.
* **Locked.** A writer holds an exclusive lock on the target's folder from
  reading the old content to renaming the new one in, so two commands
  changing the same ledger run one after the other (the second waits, at
  most :data:`LOCK_WAIT_SECONDS`).
* **Refused, not replaced**: a file the user could not write to in place (no
  write permission, or no write bit in its mode), a file that belongs to the
  ledger being reported on (:func:`refuse_ledger_file`), a folder that this
  project did not write (:func:`write_folder`), a folder that is not new or
  empty (:func:`write_new_folder`, which writes all of its files or none), a
  symlink loop. A symlink is followed: the file it points to is written and
  the link stays.
* **Mode kept.** A replaced file keeps its permission bits (and, where the
  system allows, its owner and group); a new one gets the usual ``0o666``
  less the umask.

Refusals raise :class:`Refused`, whose message is one line naming the path.
Other failures (a full disk, no permission) raise :class:`OSError` and leave
the old file as it was.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

TEMP_MARK = ".finsam-tmp-"
MANIFEST = ".finsam-export"
# The line that makes a file a manifest; the names follow it, one a line,
# each optionally followed by ": " and a note.
MANIFEST_MARK = "# Files written by finsam export; the next export into this folder replaces them:"
LOCK_WAIT_SECONDS = 120.0
# The head of a manifest while its folder is being written.
UNFINISHED = "Unfinished: an export was interrupted here; run it again."
_MANIFEST_MAX_BYTES = 1 << 20
# link() errors that mean "this file system has no hard links".
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK}
# flock() errors that mean "this file system has no locks", not "locked".
_NO_LOCKS = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EBADF, errno.EINVAL}


class Refused(Exception):
    """A write that could lose or damage a file; nothing was written."""


def _one_line(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n")


def real_path(path: str | Path) -> Path:
    """``path`` with symlinks followed (the target need not exist); a loop is refused."""
    if not str(path) or (isinstance(path, str) and not path.strip()):
        raise Refused(f"{path!r}: an empty path")
    try:
        resolved = Path(path).resolve(strict=False)
    except RuntimeError:  # Python 3.11 reports a symlink loop this way
        raise Refused(f"{_one_line(str(path))}: symlink loop") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Refused(f"{_one_line(str(path))}: symlink loop") from None
        raise
    # Newer Pythons stop at a link they cannot follow instead of raising.
    if resolved.is_symlink():
        try:
            resolved.stat()
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise Refused(f"{_one_line(str(path))}: symlink loop") from None
    return resolved


def refuse_ledger_file(output: str | Path, ledger_files: Iterable[str | Path]) -> None:
    """Refuse an output path that is one of the ledger's files (main or included).

    The same file under another name counts: a path through ``..``, a
    symlink to it, a hard link to it.
    """
    target = real_path(output)
    try:
        target_stat: os.stat_result | None = target.stat()
    except OSError:
        target_stat = None
    for name in ledger_files:
        try:
            same = real_path(name) == target or (
                target_stat is not None and os.path.samestat(target_stat, Path(name).stat())
            )
        except (Refused, OSError):
            continue
        if same:
            raise Refused(
                f"{_one_line(str(output))}: is a file of the ledger ({_one_line(str(name))}); "
                "nothing written, write the output elsewhere"
            )


def refuse_read_only(path: Path) -> None:
    """Refuse a file the user could not write to in place."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    if stat.S_ISREG(mode) and (not mode & stat.S_IWUSR or not os.access(path, os.W_OK)):
        raise Refused(f"{_one_line(str(path))}: the file is read-only; nothing written")


@contextlib.contextmanager
def locked(folder: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the exclusive lock on ``folder`` (a folder's lock: no lock file is left behind).

    Waits for another holder at most ``wait`` seconds (default
    :data:`LOCK_WAIT_SECONDS`), then refuses. On a file system without
    locks the write goes ahead unlocked.
    """
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        deadline = time.monotonic() + (LOCK_WAIT_SECONDS if wait is None else wait)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise Refused(
                        f"{_one_line(str(folder))}: another finsam command is writing in "
                        "this folder; try again"
                    ) from None
                time.sleep(0.05)
            except OSError as exc:
                if exc.errno in _NO_LOCKS:
                    break
                raise
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _default_folder_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def _is_temp(name: str) -> bool:
    return name.startswith(".") and TEMP_MARK in name


def _remove_stale_temps(folder: Path, name: str | None = None) -> None:
    """Temporary files of earlier, killed writes (to ``name``, or to any file).

    The caller holds the folder's lock, so no other writer is using them.
    """
    prefix = f".{name}{TEMP_MARK}" if name is not None else None
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            stale = entry.name.startswith(prefix) if prefix else _is_temp(entry.name)
            if stale and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    Path(entry.path).unlink()


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _replace(target: Path, content: bytes) -> None:
    """Replace ``target`` by ``content`` atomically; the caller holds the folder's lock."""
    refuse_read_only(target)
    try:
        old: os.stat_result | None = target.stat()
    except FileNotFoundError:
        old = None
    _remove_stale_temps(target.parent, target.name)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}{TEMP_MARK}", dir=target.parent)
    try:
        if old is not None:
            _keep_owner(fd, old)
        os.fchmod(fd, stat.S_IMODE(old.st_mode) if old is not None else _default_mode())
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


def _keep_owner(fd: int, old: os.stat_result) -> None:
    """Give the new file the old one's owner and group, as far as allowed."""
    if (old.st_uid, old.st_gid) == (os.geteuid(), os.getegid()):
        return
    for uid, gid in ((old.st_uid, old.st_gid), (-1, old.st_gid)):
        try:
            os.fchown(fd, uid, gid)
            return
        except OSError:
            continue


_STREAMS = {"/dev/stdout": 1, "/dev/stderr": 2}
_FD_FOLDERS = ("/dev/fd/", "/proc/self/fd/")


def _stream_fd(path: str | Path) -> int | None:
    """The open file descriptor a path names (``/dev/stdout``, ``/dev/fd/3``), if any.

    Such a path is written through the descriptor: opening it anew would
    truncate a file redirected with ``>>``, and replacing it would replace
    that file.
    """
    name = str(path)
    fd = _STREAMS.get(name)
    if fd is None:
        folder, _, number = name.rpartition("/")
        if folder + "/" in _FD_FOLDERS and number.isdigit():
            fd = int(number)
    if fd is None:
        return None
    try:
        os.fstat(fd)
    except OSError:
        return None
    return fd


def _write_fd(fd: int, content: bytes) -> None:
    if fd in (1, 2):
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
    view = memoryview(content)
    while view:
        view = view[os.write(fd, view) :]


def _special(target: Path) -> bool:
    """A device or pipe such as /dev/null or a FIFO: written to, never replaced."""
    return target.exists() and not target.is_file() and not target.is_dir()


def write_bytes(path: str | Path, content: bytes) -> None:
    """Write ``content`` to ``path`` atomically, under the folder's lock.

    A device or pipe (``/dev/stdout``, ``/dev/null``, a FIFO) is written to.
    """
    fd = _stream_fd(path)
    if fd is not None:
        _write_fd(fd, content)
        return
    if _special(Path(path)):
        with Path(path).open("wb") as handle:
            handle.write(content)
        return
    target = real_path(path)
    shown = _one_line(str(path))
    if target.is_dir():
        raise Refused(f"{shown}: is a folder")
    if not target.parent.is_dir():
        raise Refused(f"{shown}: no such folder: {_one_line(str(target.parent))}")
    with locked(target.parent):
        _replace(target, content)


def write_text(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically."""
    write_bytes(path, text.encode(encoding))


def update(
    path: str | Path,
    change: Callable[[bytes | None], bytes],
    also_lock: Iterable[str | Path] = (),
) -> None:
    """Change a file under its folder's lock: ``change(old)`` gives the new content.

    ``old`` is None when the file does not exist yet. The lock is held from
    reading the old content, through ``change`` (which may load and validate
    the whole ledger), to the rename: a second writer waits and then sees
    this one's result. If ``change`` raises, nothing is written.
    ``also_lock`` names further files (the ledger's main file) whose folders
    are locked too, so two commands changing different files of one ledger
    also run one after the other. Folders are locked in one order.
    """
    target = real_path(path)
    shown = _one_line(str(path))
    if target.is_dir() or _special(target):
        raise Refused(f"{shown}: not a regular file")
    if not target.parent.is_dir():
        raise Refused(f"{shown}: no such folder: {_one_line(str(target.parent))}")
    folders = {target.parent, *(real_path(name).parent for name in also_lock)}
    with contextlib.ExitStack() as stack:
        for folder in sorted(folders):
            stack.enter_context(locked(folder))
        refuse_read_only(target)
        old = target.read_bytes() if target.exists() else None
        new = change(old)
        if new != old:
            _replace(target, new)


def update_files(
    paths: Iterable[str | Path],
    change: Callable[[Mapping[Path, bytes]], Mapping[Path, bytes]],
) -> list[Path]:
    """Change several existing files under one lock: all of them, or none.

    The folders of all ``paths`` are locked (in one order) from reading the
    old contents to the last rename. ``change(old)`` gets every file's bytes
    by its real path (symlinks followed) and returns the new bytes of the
    files it changes; if it raises, nothing is written. Every file to be
    changed is checked (read-only) before the first one is replaced, so a
    refusal writes nothing anywhere. Each file is replaced atomically; if a
    replacement fails (a full disk), the files already replaced get their
    old bytes back before the error is raised. Returns the files changed.
    """
    given: dict[Path, Path] = {}
    for path in paths:
        target = real_path(path)
        if not target.is_file():
            raise Refused(f"{_one_line(str(path))}: not a regular file")
        given.setdefault(target, Path(path))
    with contextlib.ExitStack() as stack:
        for folder in sorted({target.parent for target in given}):
            stack.enter_context(locked(folder))
        old = {target: target.read_bytes() for target in given}
        new = {target: content for target, content in change(old).items() if content != old[target]}
        for target in new:
            refuse_read_only(given[target])  # names the path as given
        done: list[Path] = []
        try:
            for target, content in new.items():
                _replace(target, content)
                done.append(target)
        except BaseException:
            for target in done:
                with contextlib.suppress(OSError):
                    _replace(target, old[target])
            raise
    return list(new)


def refuse_foreign_folder(
    path: str | Path, manifest: str = MANIFEST, what: str = "finsam export"
) -> None:
    """Refuse a folder :func:`write_folder` may not write into (see there); a new one is fine.

    Without the folder's lock this is a preview, for failing early; the
    write checks again.
    """
    folder = real_path(path)
    if folder.exists():
        _check_folder(path, folder, manifest, what)
    elif not folder.parent.is_dir():
        raise Refused(f"{_one_line(str(path))}: no such folder: {_one_line(str(folder.parent))}")


def write_folder(
    path: str | Path,
    files: Mapping[str, bytes],
    *,
    manifest: str = MANIFEST,
    head: str = "",
    notes: Mapping[str, str] | None = None,
    what: str = "finsam export",
) -> None:
    """Write ``files`` (name → content) into a folder this project owns.

    A new or empty folder is taken; an existing one only when it holds
    nothing but what an earlier run wrote, as listed in its manifest (the
    file ``manifest``, by default ``.finsam-export``: ``head``, then the line
    :data:`MANIFEST_MARK`, then one name a line, with ``": "`` and its note
    where ``notes`` has one). Otherwise it is refused, naming what else it
    holds (``what`` names the kind of folder expected), and so is a folder
    with a read-only file in it. The folder itself stays in place (a
    symlinked folder stays a link, its target gets the files): each file is
    replaced atomically, the manifest first lists both runs' files so that
    an interrupted run can be repeated, and files of the earlier run that
    this one does not write are removed last.
    """
    for name in [*files, manifest]:
        if not _plain_name(name):
            raise ValueError(f"not a plain file name: {name!r}")
    if manifest in files:
        raise ValueError(f"{manifest!r} is the manifest; its content is written here")
    folder = real_path(path)
    shown = _one_line(str(path))
    if not folder.exists():
        if not folder.parent.is_dir():
            raise Refused(f"{shown}: no such folder: {_one_line(str(folder.parent))}")
        with contextlib.suppress(FileExistsError):
            folder.mkdir()
    if not folder.is_dir():
        raise Refused(f"{shown}: not a folder")
    with locked(folder):
        _check_folder(path, folder, manifest, what)
        owned = _owned(folder, manifest)
        _remove_stale_temps(folder)
        earlier = [name for name in sorted(owned) if name not in files and name != manifest]
        notes = notes or {}

        def listing(names: Iterable[str], head: str) -> bytes:
            body = "".join(f"{n}: {notes[n]}\n" if notes.get(n) else f"{n}\n" for n in names)
            start = head if not head or head.endswith("\n") else head + "\n"
            return (start + MANIFEST_MARK + "\n" + body).encode("utf-8")

        # Until the last step the manifest says the folder is unfinished, so a
        # failed run never leaves a folder that claims to hold the new report.
        _replace(folder / manifest, listing([*files, *earlier], UNFINISHED))
        for name, content in files.items():
            _replace(folder / name, content)
        for name in earlier:
            with contextlib.suppress(FileNotFoundError):
                (folder / name).unlink()
        _replace(folder / manifest, listing(files, head))


def _plain_name(name: str) -> bool:
    return (
        bool(name)
        and name not in {".", ".."}
        and not name.startswith("#")
        and TEMP_MARK not in name
        and not any(ch in name for ch in "/\\:\n\r\x00")
        and name == name.strip()
    )


def _check_folder(path: str | Path, folder: Path, manifest: str, what: str) -> None:
    """Refuse a folder :func:`write_folder` may not write into."""
    shown = _one_line(str(path))
    if not folder.is_dir():
        raise Refused(f"{shown}: not a folder")
    if not folder.stat().st_mode & stat.S_IWUSR or not os.access(folder, os.W_OK):
        raise Refused(f"{shown}: the folder is read-only; nothing written")
    owned = _owned(folder, manifest)
    foreign = sorted(
        entry.name
        for entry in os.scandir(folder)
        if entry.name not in owned
        and not (_is_temp(entry.name) and entry.is_file(follow_symlinks=False))
    )
    if foreign:
        listed = ", ".join(map(_one_line, foreign[:5])) + (", …" if len(foreign) > 5 else "")
        raise Refused(
            f"{shown}: holds other files than a {what} ({listed}); nothing written, "
            "choose a new or empty folder"
        )
    for name in owned:
        refuse_read_only(folder / name)


def _owned(folder: Path, manifest: str) -> set[str]:
    """The manifest and the files it lists, or nothing when there is no manifest.

    Only regular files count: a listed name that is now a folder or a
    symlink is the user's.
    """
    path = folder / manifest
    if not _regular(path):
        return set()
    with path.open("rb") as handle:
        text = handle.read(_MANIFEST_MAX_BYTES).decode("utf-8", errors="replace")
    lines = text.splitlines()
    if MANIFEST_MARK not in lines:
        return set()
    start = len(lines) - lines[::-1].index(MANIFEST_MARK)
    names = {line.split(": ", 1)[0] for line in lines[start:] if line}
    return {n for n in names if _plain_name(n) and _regular(folder / n)} | {manifest}


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def refuse_new_folder(path: str | Path) -> Path:
    """Refuse a folder :func:`write_new_folder` may not write: one that holds anything.

    A new folder (in an existing folder) or an empty one is fine; its path,
    symlinks followed, is returned. Without the locks this is a preview, for
    failing before the work; the write checks again.
    """
    folder = real_path(path)
    shown = _one_line(str(path))
    if not folder.exists():
        if not folder.parent.is_dir():
            raise Refused(f"{shown}: no such folder: {_one_line(str(folder.parent))}")
        if not os.access(folder.parent, os.W_OK):
            raise Refused(f"{shown}: cannot create the folder in {_one_line(str(folder.parent))}")
        return folder
    if not folder.is_dir():
        raise Refused(f"{shown}: not a folder")
    if not folder.stat().st_mode & stat.S_IWUSR or not os.access(folder, os.W_OK):
        raise Refused(f"{shown}: the folder is read-only; nothing written")
    held = sorted(entry.name for entry in os.scandir(folder))
    if held:
        listed = ", ".join(map(_one_line, held[:5])) + (", …" if len(held) > 5 else "")
        raise Refused(
            f"{shown}: the folder is not empty ({listed}); nothing written, "
            "choose a new or empty folder"
        )
    return folder


def write_new_folder(path: str | Path, files: Mapping[str, bytes]) -> None:
    """Write ``files`` (name → content) into a new or empty folder: all of them or none.

    A folder that holds anything, a hidden file included, is refused
    (:func:`refuse_new_folder`): no file is ever replaced. The files are
    written and synced into a hidden temporary folder first
    (``.<name>.finsam-tmp-*`` beside a new folder, ``.finsam-tmp-*`` inside an
    empty one). A new folder is then that folder renamed into place, in one
    step; into an empty folder each file is linked in, a name taken
    meanwhile is refused (never replaced), and a failure takes back the
    files already linked. Either way a failure leaves no file in the target.
    The folder (a new one's parent) is locked meanwhile. A temporary folder
    left by a killed run is removed by the next write to the same target.
    """
    for name in files:
        if not _plain_name(name):
            raise ValueError(f"not a plain file name: {name!r}")
    folder = refuse_new_folder(path)
    shown = _one_line(str(path))
    existed = folder.exists()
    with locked(folder if existed else folder.parent):
        folder = refuse_new_folder(path)  # again, under the lock
        if existed != folder.exists():
            raise Refused(f"{shown}: the folder changed meanwhile; nothing written, try again")
        if existed:
            _link_into(folder, files, shown)
        else:
            _rename_into(folder, files, shown)


def _temp_folder(where: Path, prefix: str) -> Path:
    """A new hidden folder for the files, after removing one a killed run left."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(where):
            if entry.name.startswith(prefix) and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=prefix, dir=where))


def _fill(temp: Path, files: Mapping[str, bytes]) -> None:
    mode = _default_mode()
    for name, content in files.items():
        fd = os.open(temp / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
    _fsync_folder(temp)


def _rename_into(folder: Path, files: Mapping[str, bytes], shown: str) -> None:
    temp = _temp_folder(folder.parent, f".{folder.name}{TEMP_MARK}")
    try:
        _fill(temp, files)
        temp.chmod(_default_folder_mode())
        try:
            temp.rename(folder)
        except OSError as exc:
            if exc.errno in (errno.EEXIST, errno.ENOTEMPTY, errno.ENOTDIR):
                raise Refused(
                    f"{shown}: the folder appeared meanwhile; nothing written, try again"
                ) from None
            raise
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    _fsync_folder(folder.parent)


def _link_into(folder: Path, files: Mapping[str, bytes], shown: str) -> None:
    temp = _temp_folder(folder, TEMP_MARK)
    linked: list[Path] = []
    try:
        _fill(temp, files)
        for name in files:
            target = folder / name
            try:
                os.link(temp / name, target)
            except FileExistsError:
                raise Refused(
                    f"{shown}: {_one_line(name)} appeared meanwhile; nothing written, try again"
                ) from None
            except OSError as exc:
                if exc.errno not in _NO_HARD_LINKS:
                    raise
                if os.path.lexists(target):
                    raise Refused(
                        f"{shown}: {_one_line(name)} appeared meanwhile; nothing written, try again"
                    ) from None
                (temp / name).rename(target)
            linked.append(target)
    except BaseException:
        for target in linked:
            with contextlib.suppress(OSError):
                target.unlink()
        raise
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    _fsync_folder(folder)
