// Interaction rules: what a gesture in the editor may do, decided in one place (as bpmn-js's
// BpmnRules) and asked by the edits, the store and the components alike. Whether a map is
// valid is the engine's call, reported as findings; these only decide what the UI offers.

import type { Document, MapNode, NodeTag, Role, Seat } from "./model";

/**
 * Whether a flow may be drawn from node `from` to node `to`: not from a node to itself, and
 * not a second arrow the same way between the same two nodes. O(flows).
 */
export function canConnect(doc: Document, from: string, to: string): boolean {
  if (from === to) return false;
  return !doc.process.flows.some((f) => f.from === from && f.to === to);
}

/** Whether a flow between these nodes crosses lanes: a handoff from one seat to another. */
export function isHandoff(from: MapNode | undefined, to: MapNode | undefined): boolean {
  return !!from?.lane && !!to?.lane && from.lane !== to.lane;
}

/** Whether a flow leaving `from` is a branch, whose label is its condition. */
export function isBranch(from: MapNode | undefined): boolean {
  return from?.kind === "decision";
}

/**
 * Whether a new flow opens its text box straight away: a branch needs its condition and a
 * handoff the item handed over.
 */
export function asksOnConnect(from: MapNode | undefined, to: MapNode | undefined): boolean {
  return isBranch(from) || isHandoff(from, to);
}

/** Whether a node of this kind is named in place as soon as it is added (a step or a decision). */
export function namedOnAdd(tag: NodeTag): boolean {
  return tag === "step" || tag === "decision";
}

/**
 * How many elements sit in a lane. A lane holding any is not removed before the user says
 * where they go. O(nodes).
 */
export function countInLane(doc: Document, laneId: string): number {
  return doc.process.nodes.filter((n) => n.lane === laneId).length;
}

/** The seats a picker offers: the document's, then the library's it does not carry yet. */
export function seatChoices(docSeats: Seat[], librarySeats: Seat[]): Seat[] {
  return [...docSeats, ...librarySeats.filter((l) => !docSeats.some((d) => d.id === l.id))];
}

/** The seats a new lane may be for: any choice without a lane in this process yet. */
export function seatsForNewLane(doc: Document, librarySeats: Seat[]): Seat[] {
  const used = new Set(doc.process.lanes.map((l) => l.seat));
  return seatChoices(doc.seats, librarySeats).filter((s) => !used.has(s.id));
}

/**
 * Whether the RACI grid offers `role` to a seat that holds `roles` for a step. R (which moves
 * the step into the seat's lane) only to a seat with a lane in the process that is not
 * already R; A, C and I always.
 */
export function canGiveRole(roles: Set<Role>, role: Role, hasLane: boolean): boolean {
  return role !== "R" || (hasLane && !roles.has("R"));
}

/** Whether the seat holds anything "Clear" takes away: A, C or I (R follows the lane). */
export function canClearRoles(roles: Set<Role>): boolean {
  return roles.has("A") || roles.has("C") || roles.has("I");
}
