/** Where a value came from in an aspect file, for error messages and //line of generated code. */
export interface Origin { file: string; line: number; col: number }

/** A qualified Go name such as `net/http.Get` or `*database/sql.DB`. */
export interface QualifiedName { pkg: string; name: string; pointer: boolean }

export interface FunctionOptions {
  name?: string;                    // '' selects function literals
  receiver?: QualifiedName | boolean;
  signature?: { args: string[]; returns: string[] };
  signatureContains?: { args: string[]; returns: string[] };
  /** true: a function literal run as a goroutine of its own (`go func(…) {…}(…)`, `wg.Go(func() {…})`); false: any other function. */
  goroutine?: boolean;
}

export type JoinPoint =
  | { kind: 'all-of'; of: JoinPoint[]; origin: Origin }
  | { kind: 'one-of'; of: JoinPoint[]; origin: Origin }
  | { kind: 'not'; of: JoinPoint; origin: Origin }
  | { kind: 'import-path'; path: string; origin: Origin }
  | { kind: 'package-name'; name: string; origin: Origin }
  | { kind: 'package-filter'; pattern: string; root: boolean; /** Only the standard library's packages (true) or only others (false). */ standard?: boolean; origin: Origin }
  | { kind: 'test-main'; value: boolean; origin: Origin }
  | { kind: 'directive'; name: string; origin: Origin }
  | { kind: 'function'; options: FunctionOptions; origin: Origin }
  | { kind: 'function-body'; of: JoinPoint; origin: Origin }
  | { kind: 'function-call'; target: QualifiedName; origin: Origin }
  | { kind: 'method-call'; receiver: QualifiedName; name: string; match: 'pointer-only' | 'value-only' | 'any'; origin: Origin }
  | { kind: 'struct-definition'; type: QualifiedName; origin: Origin }
  | { kind: 'struct-literal'; type: QualifiedName; match: 'pointer-only' | 'value-only' | 'any'; field?: string; origin: Origin }
  | { kind: 'declaration-of'; target: QualifiedName; origin: Origin }
  | { kind: 'value-declaration'; type: string; origin: Origin };

export interface Template {
  source: string;
  imports: Record<string, string>;
  origin: Origin;
}

export type Advice =
  | { kind: 'prepend-statements'; template: Template; order: number; origin: Origin }
  | { kind: 'wrap-expression'; template: Template; origin: Origin }
  | { kind: 'replace-function'; target: QualifiedName; origin: Origin }
  | { kind: 'append-args'; type: string; values: Template[]; origin: Origin }
  | { kind: 'assign-value'; template: Template; origin: Origin }
  | { kind: 'add-struct-field'; name: string; type: string; origin: Origin }
  | { kind: 'add-blank-import'; path: string; origin: Origin }
  | { kind: 'link-package'; path: string; origin: Origin }
  | { kind: 'inject-declarations'; template: Template; links: string[]; origin: Origin };

export interface Aspect {
  id: string;
  joinPoint: JoinPoint;
  advice: Advice[];
  origin: Origin;
  /** Stable text of the aspect's definition, hashed into cache keys. */
  fingerprint: string;
}

export interface AspectSet {
  aspects: Aspect[];
  files: string[];
}
