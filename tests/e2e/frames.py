"""Counts the frames that reach the screen. Every repaint of the X screen raises a DAMAGE
event on the root window; this records when they arrive.

With four arguments X Y WIDTH HEIGHT, only damage that overlaps that screen rectangle
counts (perf.mjs passes the canvas, so a scrollbar repainting elsewhere is not a frame of
the drag). Prints "ready" once listening, records until its standard input closes, then prints the
frame times (ms, monotonic clock) as a JSON list. Damage arriving within 4 ms of the
previous damage belongs to the same frame.

perf.mjs uses it so that "frames per second" counts pictures the user could see, not how
often the page's requestAnimationFrame callback ran.
"""

import json
import os
import select
import sys
import time

from Xlib import display
from Xlib.ext import damage

BURST_MS = 4.0


def overlaps(area, box) -> bool:
    if box is None:
        return True
    x, y, w, h = box
    return area.x < x + w and x < area.x + area.width and area.y < y + h and y < area.y + area.height


def main() -> None:
    box = tuple(int(float(v)) for v in sys.argv[1:5]) if len(sys.argv) >= 5 else None
    d = display.Display()
    ext = d.query_extension("DAMAGE")
    if not ext.present:
        sys.exit(f"frames.py: the X server {os.environ.get('DISPLAY')} has no DAMAGE extension")
    notify = ext.first_event + damage.DamageNotifyCode
    # The extension refuses requests from a client that has not asked its version first.
    d.damage_query_version()
    root = d.screen().root
    root.damage_create(damage.DamageReportRawRectangles)
    d.sync()
    print("ready", flush=True)
    frames: list[float] = []
    last = 0.0
    stdin = sys.stdin.fileno()
    while True:
        ready, _, _ = select.select([d.fileno(), stdin], [], [], 0.002)
        if stdin in ready and not os.read(stdin, 4096):
            break
        for _ in range(d.pending_events()):
            event = d.next_event()
            if event.type != notify or not overlaps(event.area, box):
                continue
            now = time.monotonic() * 1000.0
            if not frames or now - last > BURST_MS:
                frames.append(now)
            last = now
    print(json.dumps(frames), flush=True)


if __name__ == "__main__":
    main()
