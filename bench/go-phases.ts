// Where a go build's time goes, read from the trace `go build -debug-trace=<file>` writes
// (Chrome trace events): the benchmarks print it beside the wall time of woven and plain
// builds, so a difference can be put down to go-weave's own work, to loading the packages, or
// to compiling and linking more code.

export interface GoPhases {
  /** The build command from start to end, as go traced it (its process start is not in it). */
  total: number;
  /** Loading the packages (go list's work). */
  load: number;
  /** When the first action that did real work (compiled or linked, ≥ 1 ms) started. */
  firstWork: number;
  /** Compile actions, summed (cache hits add next to nothing). */
  compile: number;
  /** Link actions, summed. */
  link: number;
  /** What the link actions linked (import paths): the executables an edit relinks. */
  linked: string[];
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  tid: number;
}

const LINKED_MS = 50;

/** Milliseconds per phase of one traced build. */
export function goPhases(traceText: string): GoPhases {
  // go writes the closing bracket only when the build ends cleanly.
  const text = traceText.trim();
  const events = JSON.parse(text.endsWith(']') ? text : text + ']') as TraceEvent[];
  const open = new Map<string, number>();
  const out: GoPhases = { total: 0, load: 0, firstWork: Infinity, compile: 0, link: 0, linked: [] };
  const start = events[0]?.ts ?? 0;
  for (const e of events) {
    const key = `${e.tid}\0${e.name}`;
    if (e.ph === 'B') {
      open.set(key, e.ts);
      continue;
    }
    if (e.ph !== 'E') continue;
    const began = open.get(key);
    if (began === undefined) continue;
    open.delete(key);
    const ms = (e.ts - began) / 1000;
    if (e.name === 'Running build command') out.total = ms;
    else if (e.name === 'load.PackagesAndErrors') out.load += ms;
    else if (e.name.startsWith('Executing action (build ') && !e.name.startsWith('Executing action (build check cache')) out.compile += ms;
    else if (e.name.startsWith('Executing action (link ')) {
      out.link += ms;
      // An executable already up to date takes its action a few milliseconds; linking one, far more.
      if (ms >= LINKED_MS) out.linked.push(e.name.slice('Executing action (link '.length).replace(/\)$/, ''));
    }
    else continue;
    if (e.name.startsWith('Executing action') && ms >= 1) out.firstWork = Math.min(out.firstWork, (began - start) / 1000);
  }
  if (!Number.isFinite(out.firstWork)) out.firstWork = 0;
  return out;
}
