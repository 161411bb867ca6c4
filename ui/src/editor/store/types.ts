// The canvas's node and edge types: a discriminated union with per-kind data.

import type { Edge, Node } from "@xyflow/react";
import type { Badge } from "../../lib/diagnostics";

type Common = { label: string; badge: Badge; editing: boolean; laneId: string | null };

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
};

export type FlowEdge = Edge<FlowEdgeData, "flow">;
