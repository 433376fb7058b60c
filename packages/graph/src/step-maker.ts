// Builds the PathStep of each node on a path, with what identifies it (step-details.ts),
// its source location and scope (scripts.ts), and whether it counts as internal.

import { edgeLabel } from './edge-labels.js';
import { EPHEMERON, holderCosts, type HolderCosts } from './holder-costs.js';
import { edgeSource } from './edge-source.js';
import { scriptIndex, isRuntimeScript, type ScriptIndex } from './scripts.js';
import { contextScope, displayName, mapEntryKey, namedEdge, stringText } from './step-details.js';
import type { HeapGraph, PathStep } from './types.js';
import { NONE } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const ARRAY_CLASSES = new Set(['Array', '(array)']);

export class StepMaker {
  private readonly costs: HolderCosts;
  private readonly scripts: ScriptIndex;
  private readonly types: readonly string[];
  private readonly edgeTypes: readonly string[];

  constructor(
    private readonly graph: HeapGraph,
    avoid: readonly string[] = [],
  ) {
    this.costs = holderCosts(graph, avoid);
    this.scripts = scriptIndex(graph);
    this.types = graph.snapshot.header.meta.nodeTypes;
    this.edgeTypes = graph.snapshot.header.meta.edgeTypes;
  }

  /** The step entering `node` by `edge` (NONE for none). `start`: the path begins here. */
  make(node: number, edge: number, start = false): PathStep {
    const { graph } = this;
    const { snapshot } = graph;
    const step: Mutable<PathStep> = {
      edge: edge === NONE ? '' : edgeLabel(snapshot, edge),
      ordinal: node,
      nodeId: snapshot.nodes.id[node]!,
      className: graph.classNames[graph.classOf[node]!]!,
    };
    if (edge !== NONE) step.edgeOrdinal = edge;
    const type = this.types[snapshot.nodes.type[node]!];
    const name = displayName(graph, node);
    if (name !== undefined) step.name = name;
    if (type === 'closure' || type === 'object') {
      const location = this.scripts.location(node) ?? (type === 'closure' ? this.boundLocation(node) : undefined);
      if (location) step.location = location;
    }
    const scope = contextScope(graph, node);
    if (scope) step.scope = scope;
    const text = stringText(graph, node);
    if (text !== undefined) step.value = text;
    if (edge !== NONE) {
      const source = edgeSource(graph, edge);
      const key = this.keyOf(source, edge);
      if (key !== undefined) step.key = key;
      const internal = this.edgeTypes[snapshot.edges.type[edge]!] === 'internal';
      if (internal && this.costs.internalKind(snapshot.edges.nameOrIndex[edge]!) === EPHEMERON) step.ephemeron = true;
      if (!start && this.costs.cost(edge, source, node) > 0) step.internal = true;
    }
    const avoided = this.costs.avoidedBy(edge, node);
    if (avoided !== undefined) step.avoided = avoided;
    if (start && scope?.kind === 'module') {
      const raw = this.scripts.contextScript(node);
      if (raw !== undefined && isRuntimeScript(raw)) step.internal = true;
    }
    return step;
  }

  /** `fn.bind(x)` has no source of its own: it is where the function it calls is. */
  private boundLocation(node: number): PathStep['location'] {
    const bound = namedEdge(this.graph, node, 'bound_function');
    return bound === NONE ? undefined : this.scripts.location(this.graph.snapshot.edges.toNode[bound]!);
  }

  private keyOf(source: number, edge: number): string | undefined {
    const { graph } = this;
    const { snapshot } = graph;
    const sourceType = this.types[snapshot.nodes.type[source]!];
    const edgeType = this.edgeTypes[snapshot.edges.type[edge]!];
    if (sourceType === 'array' && edgeType === 'internal') return mapEntryKey(graph, source, edge);
    if (edgeType === 'element' && sourceType === 'object' && !ARRAY_CLASSES.has(graph.classNames[graph.classOf[source]!]!)) {
      return String(snapshot.edges.nameOrIndex[edge]);
    }
    return undefined;
  }
}
