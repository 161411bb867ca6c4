"""Closes the app's window the way a window manager's close button does: sends the
WM_DELETE_WINDOW client message to every top-level window named "Handoff" on $DISPLAY, so
the app sees a close request (not a kill). Exits 1 when no such window is found.

run.mjs uses it to check that closing the window right after an edit loses nothing.
"""

import sys

from Xlib import X, display, protocol


def main() -> int:
    d = display.Display()
    root = d.screen().root
    protocols = d.intern_atom("WM_PROTOCOLS")
    delete = d.intern_atom("WM_DELETE_WINDOW")
    sent = 0
    for window in root.query_tree().children:
        try:
            name = window.get_wm_name()
        except Exception:  # a window that went away while we looked
            continue
        if name != "Handoff":
            continue
        event = protocol.event.ClientMessage(
            window=window, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0])
        )
        window.send_event(event, event_mask=X.NoEventMask)
        sent += 1
    d.flush()
    return 0 if sent else 1


if __name__ == "__main__":
    sys.exit(main())
