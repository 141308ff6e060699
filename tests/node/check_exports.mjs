// Parses exported files with the parsers the tools themselves use; prints one JSON report per file.
//
//   node check_exports.mjs bpmn FILE…      bpmn-moddle (bpmn-js, Camunda Modeler)
//   node check_exports.mjs mermaid FILE…   mermaid.parse (as it comes, then with more links allowed) and the flowchart it built
//
// One process checks many files: loading mermaid under jsdom takes most of a second.
import { readFile } from 'node:fs/promises';

const [kind, ...files] = process.argv.slice(2);

async function bpmnChecker() {
  const { BpmnModdle } = await import('bpmn-moddle');
  return async (text) => {
    const { rootElement, warnings } = await new BpmnModdle().fromXML(text);
    const process = rootElement.rootElements.find((element) => element.$type === 'bpmn:Process');
    const collaboration = rootElement.rootElements.find((element) => element.$type === 'bpmn:Collaboration');
    const plane = rootElement.diagrams[0]?.plane;
    return {
      ok: warnings.length === 0,
      warnings: warnings.map((warning) => warning.message),
      participants: collaboration.participants.map((participant) => participant.name),
      lanes: process.laneSets[0].lanes.map((lane) => ({
        id: lane.id,
        name: lane.name,
        nodes: (lane.flowNodeRef || []).map((node) => node.id),
      })),
      nodes: process.flowElements
        .filter((element) => element.$type !== 'bpmn:SequenceFlow')
        .map((element) => ({ id: element.id, type: element.$type, name: element.name ?? null })),
      flows: process.flowElements
        .filter((element) => element.$type === 'bpmn:SequenceFlow')
        .map((element) => ({ id: element.id, source: element.sourceRef.id, target: element.targetRef.id, name: element.name ?? null })),
      plane: plane?.bpmnElement?.id ?? null,
      diagram: (plane?.planeElement || []).map((shape) => ({
        type: shape.$type,
        element: shape.bpmnElement?.id ?? null,
        bounds: shape.bounds ? [shape.bounds.x, shape.bounds.y, shape.bounds.width, shape.bounds.height] : null,
        waypoints: shape.waypoint ? shape.waypoint.map((point) => [point.x, point.y]) : null,
        stroke: shape.get('bioc:stroke') ?? null,
      })),
    };
  };
}

async function mermaidChecker() {
  const { JSDOM } = await import('jsdom');
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  globalThis.window = dom.window;
  globalThis.document = dom.window.document;
  const { default: mermaid } = await import('mermaid');
  // Mermaid's defaults first, as a wiki has them; a diagram beyond their limits (500 links) is then
  // parsed again as by a site that raised maxEdges, so that the rest of it is checked all the same.
  const defaults = { startOnLoad: false };
  const raised = { startOnLoad: false, maxEdges: 1000000 };
  mermaid.initialize(defaults);
  return async (text) => {
    let parsed = null;
    let defaultsError = null;
    try {
      parsed = await mermaid.parse(text);
    } catch (error) {
      defaultsError = String(error?.message ?? error);
    }
    const withinDefaults = parsed !== null;
    let diagram;
    try {
      if (!withinDefaults) {
        mermaid.initialize(raised);
        parsed = await mermaid.parse(text);
      }
      diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    } finally {
      mermaid.initialize(defaults);
    }
    const db = diagram.db;
    return {
      ok: parsed.diagramType === 'flowchart-v2',
      withinDefaults,
      defaultsError,
      type: parsed.diagramType,
      vertices: [...db.getVertices().values()].map((vertex) => ({ id: vertex.id, text: vertex.text, type: vertex.type, classes: vertex.classes })),
      edges: db.getEdges().map((edge) => ({ start: edge.start, end: edge.end, text: edge.text, stroke: edge.stroke, style: edge.style ?? [] })),
      subgraphs: db.getSubGraphs().map((subgraph) => ({ id: subgraph.id, title: subgraph.title, nodes: subgraph.nodes })),
      classes: [...db.getClasses().keys()],
    };
  };
}

const checkers = { bpmn: bpmnChecker, mermaid: mermaidChecker };
if (!checkers[kind]) {
  console.error(`usage: node check_exports.mjs bpmn|mermaid FILE…`);
  process.exit(2);
}
const check = await checkers[kind]();
const reports = [];
for (const file of files) {
  try {
    reports.push({ file, ...(await check(await readFile(file, 'utf8'))) });
  } catch (error) {
    reports.push({ file, ok: false, error: String(error?.message ?? error) });
  }
}
console.log(JSON.stringify(reports));
