// The domain model as the UI sees it: the generated types plus small pure readers.
// Business rules (what is valid) live in Rust; these only read shapes.

import type {
  BusinessFunction,
  Document_Serialize,
  Flow_Serialize,
  Lane,
  Node_Serialize,
  NodeTag,
  Process_Serialize,
  ProcessState,
  Seat_Serialize,
  SeatKind,
  StepDetails_Serialize,
} from "../bindings.gen";

// The editor works on documents as Rust sends them (every field present; absent options
// left out). They are also valid input for the commands, whose types allow more.
export type Document = Document_Serialize;
export type Process = Process_Serialize;
export type Flow = Flow_Serialize;
export type MapNode = Node_Serialize;
export type Seat = Seat_Serialize;
export type StepDetails = StepDetails_Serialize;
export type { Lane, NodeTag, SeatKind };

/**
 * A seat's part in a step: Responsible (the step's lane's seat, so not stored), Accountable,
 * Consulted or Informed.
 */
export type Role = "R" | "A" | "C" | "I";

export const NODE_TAGS: NodeTag[] = [
  "start",
  "step",
  "decision",
  "parallelSplit",
  "parallelJoin",
  "outcome",
];

export const TAG_LABEL: Record<NodeTag, string> = {
  start: "Start",
  step: "Step",
  decision: "Decision",
  parallelSplit: "Parallel split",
  parallelJoin: "Parallel join",
  outcome: "Outcome",
};

export const SEAT_KINDS: SeatKind[] = ["person", "team", "agent", "system", "external"];

export const SEAT_KIND_LABEL: Record<SeatKind, string> = {
  person: "Person",
  team: "Team",
  agent: "AI agent",
  system: "System",
  external: "External",
};

/** Business functions in the order the library groups them, with their names. */
export const FUNCTIONS: { value: BusinessFunction; label: string }[] = [
  { value: "sales", label: "Sales" },
  { value: "finance", label: "Finance" },
  { value: "delivery", label: "Delivery" },
  { value: "marketing", label: "Marketing" },
  { value: "people", label: "People" },
  { value: "systems", label: "Systems" },
  { value: "other", label: "Other" },
];
/** Process states with their names. */
export const STATES: { value: ProcessState; label: string }[] = [
  { value: "as-is", label: "As-is" },
  { value: "to-be", label: "To-be" },
  { value: "draft", label: "Draft" },
];

/** The node's kind tag. */
export const tagOf = (n: MapNode): NodeTag => n.kind;

/** The seat in a lane, if the document carries it. */
export function laneSeat(doc: Document, lane: Lane): Seat | undefined {
  return doc.seats.find((s) => s.id === lane.seat);
}

/** The step's details, or empty ones for a step that has none yet. */
export function stepDetails(n: MapNode): StepDetails | null {
  if (n.kind !== "step") return null;
  return n.details ?? {};
}

export type { Analysis_Serialize as Analysis, TemplateInfo_Serialize as TemplateInfo } from "../bindings.gen";
