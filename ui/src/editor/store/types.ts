// The canvas's node and edge types: a discriminated union with per-kind data.

import type { Edge, Node } from "@xyflow/react";
import type { Badge } from "../../lib/diagnostics";
import type { Point } from "../../lib/geometry";

/** A label the engine placed, in flow coordinates (handoff_core::layout::labels). */
export type PlacedLabel = {
  x: number;
  y: number;
  w: number;
  h: number;
  lines: string[];
  /** The whole text, for hover when the lines are shortened. */
  text: string;
  abbreviated: boolean;
  leader: [Point, Point] | null;
};

type Common = {
  label: string;
  badge: Badge;
  editing: boolean;
  laneId: string | null;
  /** Where the name of an event or gateway goes, relative to the node's top-left corner. */
  caption: PlacedLabel | null;
};

export type StartNode = Node<Common, "start">;
export type StepNode = Node<
  Common & { systems: string[]; durationMinutes: number | null; accountable: boolean },
  "step"
>;
export type DecisionNode = Node<Common, "decision">;
export type ParallelSplitNode = Node<Common, "parallelSplit">;
export type ParallelJoinNode = Node<Common, "parallelJoin">;
export type OutcomeNode = Node<Common, "outcome">;

export type AppNode =
  | StartNode
  | StepNode
  | DecisionNode
  | ParallelSplitNode
  | ParallelJoinNode
  | OutcomeNode;

export type FlowEdgeData = {
  label: string;
  handover: string;
  /** The flow crosses lanes. */
  handoff: boolean;
  /** The flow leaves a decision, so its label is a branch condition. */
  branch: boolean;
  editing: boolean;
  badge: Badge;
  /** The arrow's path as the engine routes it (absolute). */
  points: Point[];
  /** The branch condition and the handoff badge, where the engine placed them (absolute). */
  branchLabel: PlacedLabel | null;
  handoverLabel: PlacedLabel | null;
};

export type FlowEdge = Edge<FlowEdgeData, "flow">;
