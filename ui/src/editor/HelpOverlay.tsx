import { Dialog } from "../shared/Dialog";
import { SHORTCUTS } from "./canvas/shortcuts";

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="shortcuts" data-testid="help">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <td>
                {s.keys.split(" / ").map((k, i) => (
                  <span key={k}>
                    {i > 0 && <span className="muted"> or </span>}
                    {k.split(" ").map((part) => (
                      <kbd key={part}>{part}</kbd>
                    ))}
                  </span>
                ))}
              </td>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        Drag from the palette into a lane to add an element. Drag from the dot on a node's edge to another node to connect them.
        Drag a step into another lane to give it to that seat.
      </p>
    </Dialog>
  );
}
