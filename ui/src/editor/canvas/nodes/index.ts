// nodeTypes at module scope, so React Flow never sees a new object and remounts nodes.

import type { NodeTypes } from "@xyflow/react";
import DecisionNode from "./DecisionNode";
import OutcomeNode from "./OutcomeNode";
import ParallelJoinNode from "./ParallelJoinNode";
import ParallelSplitNode from "./ParallelSplitNode";
import StartNode from "./StartNode";
import StepNode from "./StepNode";

export const nodeTypes: NodeTypes = {
  start: StartNode,
  step: StepNode,
  decision: DecisionNode,
  parallelSplit: ParallelSplitNode,
  parallelJoin: ParallelJoinNode,
  outcome: OutcomeNode,
};
