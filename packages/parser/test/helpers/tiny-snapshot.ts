// A three-node snapshot written out by hand, so bad-input tests can replace one
// exact piece of text and know the byte offset of the damage.
//
//   root (synthetic) --a--> A (object, 10 B)
//        \--b--> B (object, 20 B)

export const NODE_FIELDS = ['type', 'name', 'id', 'self_size', 'edge_count', 'detachedness'];

export function tinyHeader(overrides: Record<string, unknown> = {}, metaOverrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    meta: {
      node_fields: NODE_FIELDS,
      node_types: [['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic'], 'string', 'number', 'number', 'number', 'number'],
      edge_fields: ['type', 'name_or_index', 'to_node'],
      edge_types: [['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'], 'string_or_number', 'node'],
      trace_function_info_fields: ['function_id', 'name', 'script_name', 'script_id', 'line', 'column'],
      trace_node_fields: ['id', 'function_info_index', 'count', 'size', 'children'],
      sample_fields: ['timestamp_us', 'last_assigned_id'],
      location_fields: ['object_index', 'script_id', 'line', 'column'],
      ...metaOverrides,
    },
    node_count: 3,
    edge_count: 2,
    trace_function_count: 0,
    ...overrides,
  });
}

export interface TinyParts {
  header?: string;
  nodes?: string;
  edges?: string;
  /** Everything between edges and strings, including the separating commas. */
  middle?: string;
  strings?: string;
  tail?: string;
}

export const TINY = {
  nodes: '9,0,1,0,2,0\n,3,1,3,10,0,0\n,3,2,5,20,0,0',
  edges: '2,3,6\n,2,4,12',
  middle: ',\n"trace_function_infos":[],\n"trace_tree":[],\n"samples":[],\n"locations":[]',
  strings: '"",\n"A",\n"B",\n"a",\n"b"',
  tail: '}\n',
};

export function tinySnapshot(parts: TinyParts = {}): string {
  return (
    `{"snapshot":${parts.header ?? tinyHeader()},\n` +
    `"nodes":[${parts.nodes ?? TINY.nodes}],\n` +
    `"edges":[${parts.edges ?? TINY.edges}]` +
    (parts.middle ?? TINY.middle) +
    `,\n"strings":[${parts.strings ?? TINY.strings}]` +
    (parts.tail ?? TINY.tail)
  );
}
