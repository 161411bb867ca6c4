// Turns a document into what React Flow draws: absolute node positions inside lane bands,
// edges with handles on the sides facing each other, and badges from the findings.
// Unchanged nodes and edges keep their previous objects so React Flow skips them.

import type { Diagnostic } from "../../bindings.gen";
import { badgesByElement, type Badge } from "../../lib/diagnostics";
import { facingHandles, layoutLanes, NODE_SIZE, type LaneBand } from "../../lib/geometry";
import { mapLabels, type Label } from "../../lib/labels";
import type { Document, MapNode } from "../../lib/model";
import { isBranch, isHandoff } from "../../lib/rules";
import type { AppNode, FlowEdge, PlacedLabel } from "./types";

export interface FlowView {
  nodes: AppNode[];
  edges: FlowEdge[];
  bands: LaneBand[];
  width: number;
}

export interface ViewInput {
  doc: Document;
  diagnostics: Diagnostic[];
  selected: Set<string>;
  editing: string | null;
}

const sameBadge = (a: Badge, b: Badge) =>
  a === b || (!!a && !!b && a.severity === b.severity && a.count === b.count);

/** A placed label, moved by (`dx`, `dy`). */
function toPlaced(l: Label | null, dx = 0, dy = 0): PlacedLabel | null {
  if (!l) return null;
  const leader = l.leader && ([[l.leader[0][0] - dx, l.leader[0][1] - dy], [l.leader[1][0] - dx, l.leader[1][1] - dy]] as PlacedLabel["leader"]);
  return { x: l.rect.x - dx, y: l.rect.y - dy, w: l.rect.w, h: l.rect.h, lines: l.lines, text: l.text, abbreviated: l.abbreviated, leader };
}

const sameLabel = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function nodeData(n: MapNode, badge: Badge, editing: boolean, caption: PlacedLabel | null) {
  const common = { label: n.label ?? "", badge, editing, laneId: n.lane ?? null, caption };
  if (n.kind === "step") {
    const d = n.details ?? {};
    return {
      ...common,
      systems: d.systems ?? [],
      durationMinutes: d.durationMinutes ?? null,
      accountable: (d.raci?.accountable ?? []).length === 1,
    };
  }
  return common;
}

function shallowEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  for (const k in a) {
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    if (k === "badge" && sameBadge(x as Badge, y as Badge)) continue;
    if ((k === "caption" || k === "branchLabel" || k === "handoverLabel" || k === "points") && sameLabel(x, y)) continue;
    if (Array.isArray(x) && Array.isArray(y) && x.length === y.length && x.every((v, i) => v === y[i])) continue;
    return false;
  }
  return true;
}

/** Builds the view, reusing objects from `prev` where nothing changed. O(nodes + flows). */
export function toFlow(input: ViewInput, prev?: FlowView): FlowView {
  const { doc, diagnostics, selected, editing } = input;
  const p = doc.process;
  const placed = p.nodes.map((n) => ({
    lane: n.lane,
    tag: n.kind,
    x: n.position?.x ?? 0,
    y: n.position?.y ?? 0,
  }));
  const { bands, width } = layoutLanes(
    p.lanes.map((l) => l.id),
    placed,
  );
  const top = new Map(bands.map((b) => [b.id, b.top]));
  const badges = badgesByElement(diagnostics);
  const prevNodes = new Map((prev?.nodes ?? []).map((n) => [n.id, n]));
  const byId = new Map<string, MapNode>();
  const abs = new Map<string, { x: number; y: number; w: number; h: number }>();
  const boxes = p.nodes.map((n) => {
    const size = NODE_SIZE[n.kind];
    const box = { x: n.position?.x ?? 0, y: (n.lane ? (top.get(n.lane) ?? 0) : 0) + (n.position?.y ?? 0), w: size.w, h: size.h };
    abs.set(n.id, box);
    return box;
  });
  // Arrows and labels exactly as the engine draws them (lib/labels.ts, held to the core by
  // a fixture test); the canvas only renders them.
  const index = new Map(p.nodes.map((n, i) => [n.id, i] as const));
  const drawn = mapLabels({
    boxes,
    bands,
    nodes: p.nodes.map((n) => ({ kind: n.kind, label: n.label ?? "", lane: n.lane })),
    flows: p.flows.map((f) => ({ label: f.label ?? "", handover: f.handover ?? "", from: index.get(f.from) ?? null, to: index.get(f.to) ?? null })),
  });

  const nodes = p.nodes.map((n, i): AppNode => {
    byId.set(n.id, n);
    const size = NODE_SIZE[n.kind];
    const { x, y } = boxes[i];
    const data = nodeData(n, badges.get(n.id) ?? null, editing === n.id, toPlaced(drawn.captions[i], x, y));
    const isSelected = selected.has(n.id);
    const old = prevNodes.get(n.id);
    if (
      old &&
      old.type === n.kind &&
      old.position.x === x &&
      old.position.y === y &&
      !!old.selected === isSelected &&
      shallowEqual(data, old.data as Record<string, unknown>)
    ) {
      return old;
    }
    return {
      id: n.id,
      type: n.kind,
      position: { x, y },
      data,
      selected: isSelected,
      width: size.w,
      height: size.h,
    } as AppNode;
  });

  const prevEdges = new Map((prev?.edges ?? []).map((e) => [e.id, e]));
  const edges: FlowEdge[] = [];
  for (const [k, f] of p.flows.entries()) {
    const a = byId.get(f.from);
    const b = byId.get(f.to);
    const ra = abs.get(f.from);
    const rb = abs.get(f.to);
    if (!a || !b || !ra || !rb) continue;
    const [sourceHandle, targetHandle] = facingHandles(ra, rb);
    const data = {
      label: f.label ?? "",
      handover: f.handover ?? "",
      handoff: isHandoff(a, b),
      branch: isBranch(a),
      editing: editing === f.id,
      badge: badges.get(f.id) ?? null,
      points: drawn.paths[k] ?? [],
      branchLabel: toPlaced(drawn.branches[k]),
      handoverLabel: toPlaced(drawn.handovers[k]),
    };
    const isSelected = selected.has(f.id);
    const old = prevEdges.get(f.id);
    if (
      old &&
      old.source === f.from &&
      old.target === f.to &&
      old.sourceHandle === sourceHandle &&
      old.targetHandle === targetHandle &&
      !!old.selected === isSelected &&
      shallowEqual(data, old.data as Record<string, unknown>)
    ) {
      edges.push(old);
      continue;
    }
    edges.push({
      id: f.id,
      type: "flow",
      source: f.from,
      target: f.to,
      sourceHandle,
      targetHandle,
      selected: isSelected,
      data,
    });
  }
  return { nodes, edges, bands, width };
}
