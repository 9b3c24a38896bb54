"""Running concur with its standard error on a pseudo-terminal of a chosen size, for the fault tests.

concur runs in a session (and process group) of its own, so Ctrl-C can be imitated by
signalling its group. The terminal is not made its controlling terminal: concur would then be
the session's controlling process, and when it exits the kernel hangs the terminal up and may
discard output the reader has not taken yet (the end of the screen, the show-cursor bytes
under test). So the kernel sends no SIGWINCH on a resize; a test sends it itself. A thread
reads everything the terminal receives, as a screen would.
"""
import fcntl
import os
import re
import struct
import subprocess
import termios
import threading
import time

from processes import wait_or_kill

HIDE_CURSOR = b"\x1b[?25l"
SHOW_CURSOR = b"\x1b[?25h"
ESCAPE = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")
TEXT_ESCAPE = re.compile(ESCAPE.pattern.decode())


def set_window(fd, columns, rows=24):
    """Sets the terminal's window size (TIOCSWINSZ), as a terminal emulator does on a resize."""
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


# PtyRun's `stdout` for a run whose standard output is the terminal too, as in a shell.
TERMINAL = "terminal"
# PtyRun's `stdout` for `concur ... | cat` in a terminal: a pipe whose reader copies what it
# reads onto the terminal, as cat does, but only `relay_delay` seconds after it arrives, so that
# what concur draws meanwhile surely reaches the screen first.
RELAYED = "relayed"


class PtyRun:
    """One concur process: stdout a pipe (or `stdout`, TERMINAL, RELAYED), stderr a terminal `columns` x `rows`.

    With `new_session=False` concur gets a process group of its own in the test's session
    instead of a new session: SIGTSTP then stops it (the kernel discards SIGTSTP sent to an
    orphaned group, and a new session's group is one). What stdout has given so far is in
    stdout(), as it arrives.
    """

    def __init__(self, args, columns=80, stdout=subprocess.PIPE, env=None, term="xterm", new_session=True,
                 relay_delay=0.25, rows=24):
        self.master, slave = os.openpty()
        set_window(self.master, columns, rows)
        environment = dict(env or os.environ, TERM=term)

        relay = None
        if stdout == TERMINAL:
            stdout = slave
        elif stdout == RELAYED:
            stdout = subprocess.PIPE
            relay = os.dup(slave)  # the relay's own way onto the terminal, closed at the end of stdout
        group = {"start_new_session": True} if new_session else {"process_group": 0}
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=stdout, stderr=slave,
                                     env=environment, **group)
        os.close(slave)
        self.screen = bytearray()
        self.lock = threading.Lock()
        self.out = []
        self.threads = [threading.Thread(target=self._read_screen)]
        if self.proc.stdout is not None:
            self.threads.append(threading.Thread(target=self._read_stdout, args=(relay, relay_delay)))
        for thread in self.threads:
            thread.start()

    def _read_stdout(self, relay, delay):
        try:
            while data := os.read(self.proc.stdout.fileno(), 4096):
                with self.lock:
                    self.out.append(data)
                if relay is not None:
                    time.sleep(delay)
                    os.write(relay, data)
        finally:
            if relay is not None:
                os.close(relay)

    def _read_screen(self):
        while True:
            try:
                data = os.read(self.master, 4096)
            except OSError:  # EIO: every writer of the terminal has gone
                return
            if not data:
                return
            with self.lock:
                self.screen += data

    def received(self):
        with self.lock:
            return bytes(self.screen)

    def finish(self, timeout):
        """The exit status, or None if concur did not end within `timeout` (then killed)."""
        status = wait_or_kill(self.proc, timeout)
        # The readers end at end-of-file (EIO for the terminal) once no process holds the
        # other end; a leftover child still holding it is the caller's to find and kill
        # (then call close()), so do not wait forever here.
        for thread in self.threads:
            thread.join(timeout=2)
        return status

    def close(self):
        """After any leftover is killed: the readers end, the terminal is closed."""
        for thread in self.threads:
            thread.join()
        os.close(self.master)
        if self.proc.stdout is not None:
            self.proc.stdout.close()

    def stdout(self):
        with self.lock:
            return b"".join(self.out).decode(errors="replace")


def cursor_restored(screen):
    """True when the last hide-cursor sequence is followed by a show-cursor (or none was hidden)."""
    hidden = screen.rfind(HIDE_CURSOR)
    return hidden < 0 or screen.find(SHOW_CURSOR, hidden) >= 0


def drawn_widths(screen):
    """The width, in characters, of every line drawn between carriage returns and newlines,
    escape sequences left out: what the terminal had to fit on one row."""
    text = ESCAPE.sub(b"", screen)
    widths = []
    for piece in re.split(rb"[\r\n]", text):
        widths.append(len(piece.decode("utf-8", errors="replace")))
    return widths


def screen_rows(received, columns=80):
    """What a terminal `columns` wide shows after `received`, as a list of rows (trailing
    spaces dropped): characters overwrite at the cursor, `\r` goes to the row's start, `\n`
    (after the terminal's own `\r`) to the next row, a full row wraps, ESC [ 2 K erases the
    row, ESC [ K the rest of it, ESC [ J the rest of the screen, ESC [ n A moves the cursor n
    rows up; other escape sequences (the cursor's visibility) change nothing on it. The screen
    has no bottom: what would scroll off stays above, as in a terminal's history."""
    rows = [[]]
    row, column = 0, 0
    text = received.decode("utf-8", errors="replace")
    position = 0
    while position < len(text):
        escape = TEXT_ESCAPE.match(text, position)
        if escape:
            sequence = escape.group(0)
            if sequence == "\x1b[2K":
                rows[row] = []
            elif sequence in ("\x1b[K", "\x1b[0K"):
                del rows[row][column:]
            elif sequence in ("\x1b[J", "\x1b[0J"):
                del rows[row][column:]
                del rows[row + 1:]
            elif sequence.endswith("A"):
                row = max(0, row - int(sequence[2:-1] or "1"))
            position = escape.end()
            continue
        character = text[position]
        position += 1
        if character == "\r":
            column = 0
        elif character == "\n":
            row += 1
            if row == len(rows):
                rows.append([])
        else:
            if column == columns:  # the row is full: the next character starts the next one
                row, column = row + 1, 0
                if row == len(rows):
                    rows.append([])
            cells = rows[row]
            cells.extend(" " * (column + 1 - len(cells)))
            cells[column] = character
            column += 1
    return ["".join(cells).rstrip() for cells in rows]
