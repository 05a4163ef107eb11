"""The Maildir source reads Maildir++ and the folder-per-directory layout, and says which."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from connectors.mail.base import MailError
from connectors.mail.maildir import MaildirSource
from tests.test_maildir import _deliver


def _box(path: Path) -> Path:
    for sub in ("cur", "new", "tmp"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    return path


def _read(src: MaildirSource, folder: str) -> list[str]:
    return [m.key for m in src.fetch_new(folder, None).messages]


@pytest.fixture
def per_directory(tmp_path: Path) -> Path:
    """What mbsync (SubFolders Verbatim and Legacy) and offlineimap (sep ".") write."""
    root = tmp_path / "Mail"
    for name in ("INBOX", "Sent", "Sent Items", "[Gmail]/Sent Mail", "Archive/.2024",
                 "[Gmail].All Mail", "INBOX.Drafts"):
        _deliver(_box(root / name), name.replace("/", "_").replace(" ", "_"), 1_000)
    (root / ".notmuch" / "xapian").mkdir(parents=True)  # an index, not mail
    return root


def test_folder_per_directory_layout_is_read(per_directory: Path) -> None:
    src = MaildirSource(per_directory)
    assert _read(src, "INBOX") == ["INBOX"]
    assert _read(src, "Sent") == ["Sent"]
    assert _read(src, "Sent Items") == ["Sent_Items"]
    assert _read(src, "[Gmail]/Sent Mail") == ["[Gmail]_Sent_Mail"]
    assert _read(src, "Archive/2024") == ["Archive_.2024"]  # mbsync's Legacy nesting
    assert _read(src, "[Gmail]/All Mail") == ["[Gmail].All_Mail"]  # offlineimap's "." separator
    assert _read(src, "Drafts") == ["INBOX.Drafts"]  # offlineimap on an "INBOX." server


def test_check_names_the_layout_and_its_folders(per_directory: Path, tmp_path: Path) -> None:
    assert MaildirSource(per_directory).check() == (
        f"maildir {per_directory} (one folder per directory, as mbsync and offlineimap write it: "
        "INBOX, Archive/2024, INBOX.Drafts, Sent, Sent Items, [Gmail].All Mail, [Gmail]/Sent Mail)")
    plus = _box(tmp_path / "Maildir")
    _box(plus / ".Sent")
    _box(plus / ".Lists.python")
    assert MaildirSource(plus).check() == f"maildir {plus} (Maildir++: INBOX, Lists.python, Sent)"


def test_maildir_plus_plus_nested_folders_answer_to_either_separator(tmp_path: Path) -> None:
    root = _box(tmp_path / "Maildir")
    _deliver(_box(root / ".Lists.python"), "py", 1_000)
    src = MaildirSource(root)
    assert _read(src, "Lists.python") == ["py"]
    assert _read(src, "Lists/python") == ["py"]


def test_path_pointing_at_the_inbox_of_a_per_directory_layout_gets_a_hint(per_directory: Path) -> None:
    with pytest.raises(MailError, match=f"set path to {per_directory}$"):
        MaildirSource(per_directory / "INBOX").check()
    with pytest.raises(MailError, match="'Sent' does not exist.*set path to"):
        MaildirSource(per_directory / "INBOX").fetch_new("Sent", None)


def test_path_one_level_above_the_maildir_gets_a_hint(tmp_path: Path) -> None:
    inner = _box(tmp_path / "Mail" / "Maildir")
    _box(inner / ".Sent")
    with pytest.raises(MailError, match=f"holds one, {inner}; if that is the mailbox, set path"):
        MaildirSource(tmp_path / "Mail").check()


def test_a_missing_folder_names_the_folders_that_exist(per_directory: Path) -> None:
    with pytest.raises(MailError, match=r"'Spam' does not exist .*\(folders: INBOX, Archive/2024, .*Sent Items"):
        MaildirSource(per_directory).fetch_new("Spam", None)


def test_a_folder_removed_after_a_read_is_a_clear_error(per_directory: Path) -> None:
    src = MaildirSource(per_directory)
    batch = src.fetch_new("Sent", None)
    shutil.rmtree(per_directory / "Sent")
    with pytest.raises(MailError, match="'Sent' does not exist"):
        src.fetch_new("Sent", batch.cursor)


def test_no_inbox_and_no_maildir_are_clear_errors(tmp_path: Path) -> None:
    _box(tmp_path / "Mail" / "Sent")
    _box(tmp_path / "Mail" / "Archive")
    mail = tmp_path / "Mail"
    with pytest.raises(MailError) as exc:
        MaildirSource(mail).check()
    assert str(exc.value) == (f"folder 'INBOX' does not exist in {mail} (folders: Archive, Sent); "
                              f"create it with: mkdir -p {mail}/INBOX/{{cur,new,tmp}}")
    with pytest.raises(MailError, match="does not exist"):
        MaildirSource(tmp_path / "nowhere").check()


def test_path_at_a_part_or_a_subfolder_of_a_maildir_gets_a_hint(tmp_path: Path) -> None:
    root = _box(tmp_path / "Maildir")
    _box(root / ".Sent")
    with pytest.raises(MailError, match=r"is the cur/ part of a Maildir; set path to .*Maildir$"):
        MaildirSource(root / "cur").check()
    with pytest.raises(MailError, match=r"looks like the Sent folder of a Maildir\+\+ mailbox; set path to"):
        MaildirSource(root / ".Sent").check()


def test_check_reads_every_folder_the_config_names(tmp_path: Path) -> None:
    root = _box(tmp_path / "Maildir")
    assert MaildirSource(root).check(["INBOX"]).startswith("maildir")
    with pytest.raises(MailError) as exc:
        MaildirSource(root).check(["INBOX", "Sent"])
    assert str(exc.value) == (f"folder 'Sent' does not exist in {root} (folders: INBOX); create it with: "
                              f"mkdir -p {root}/.Sent/{{cur,new,tmp}}, or name another in the config")


def test_create_command_is_the_one_a_new_user_pastes(tmp_path: Path) -> None:
    from connectors.mail.maildir import create_command

    assert create_command(Path.home() / "Maildir", ["INBOX", "Sent"]) == (
        "mkdir -p ~/Maildir/{cur,new,tmp} ~/Maildir/.Sent/{cur,new,tmp}")
    # Quotes keep a space, brace expansion stays outside them; Maildir++ nests with dots.
    assert create_command(tmp_path / "My Mail", ["Lists/python"]) == (
        f"mkdir -p '{tmp_path}/My Mail/.Lists.python'/{{cur,new,tmp}}")


def _missing_message(src: MaildirSource) -> str:
    with pytest.raises(MailError) as exc:
        src.check(["Sent"])
    return str(exc.value)


@pytest.mark.skipif(shutil.which("bash") is None, reason="the command uses bash brace expansion")
@pytest.mark.parametrize("start", ["missing", "empty", "inbox only"])
def test_a_missing_or_incomplete_maildir_names_every_folder_in_one_pasteable_command(
        tmp_path: Path, start: str) -> None:
    import subprocess

    root = tmp_path / "My Mail"
    if start != "missing":
        root.mkdir()
    if start == "inbox only":
        _box(root)
    src = MaildirSource(root, ["INBOX", "Archive", "Sent"])
    message = _missing_message(src)
    command = message.split("with: ", 1)[1].split(", or name", 1)[0]
    subprocess.run(["bash", "-c", command], check=True)
    # One run of the command is all it takes: the next check passes.
    assert src.check(["Sent"]) == f"maildir {root} (Maildir++: INBOX, Archive, Sent)"
    if start == "inbox only":
        assert message.startswith(f"folders 'Archive', 'Sent' do not exist in {root} (folders: INBOX); "
                                  "create them with: ")


def test_a_missing_folder_in_the_other_layout_is_created_beside_the_rest(per_directory: Path) -> None:
    src = MaildirSource(per_directory, ["Drafts2"])
    message = _missing_message(src)
    assert f"create it with: mkdir -p {per_directory}/Drafts2/{{cur,new,tmp}}, or name another in the config" \
        in message


def test_from_config_expects_the_folders_and_sent_folder_of_the_config(tmp_path: Path) -> None:
    from datetime import UTC

    from connectors import BackendEnv

    src = MaildirSource.from_config({"path": tmp_path / "none", "folders": ["INBOX", "Lists"],
                                     "sent_folder": "Sent Items"}, BackendEnv(UTC, str))
    with pytest.raises(MailError) as exc:
        src.layout()
    assert str(exc.value).endswith(
        f"create them with: mkdir -p {tmp_path}/none/{{cur,new,tmp}} {tmp_path}/none/.Lists/{{cur,new,tmp}} "
        f"'{tmp_path}/none/.Sent Items'/{{cur,new,tmp}}")


def test_the_sent_folder_left_at_its_default_is_found_under_a_common_name(tmp_path: Path) -> None:
    """An mbsync copy of Gmail has "[Gmail]/Sent Mail" and no "Sent": the default finds it, as
    the IMAP source does; a Sent folder the config names is never swapped for another."""
    root = tmp_path / "Mail"
    _deliver(_box(root / "INBOX"), "in", 1_000)
    _deliver(_box(root / "[Gmail]" / "Sent Mail"), "sent", 1_000)
    _box(root / "[Gmail]" / "All Mail")
    src = MaildirSource(root, ["Sent"], "Sent")
    assert src.check(["Sent"]).endswith("; Sent = [Gmail]/Sent Mail")
    assert _read(src, "Sent") == ["sent"]
    named = MaildirSource(root, ["Sent mail"], "Sent mail")
    with pytest.raises(MailError, match=r"folder 'Sent mail' does not exist .*\(sent_folder = \"\[Gmail\]/Sent Mail\" "
                                        r"reads the one there is\)"):
        named.check(["Sent mail"])
    # Outlook's name, in Maildir++.
    plus = _box(tmp_path / "Maildir")
    _deliver(_box(plus / ".Sent Items"), "outlook", 1_000)
    assert _read(MaildirSource(plus, ["Sent"], "Sent"), "Sent") == ["outlook"]
