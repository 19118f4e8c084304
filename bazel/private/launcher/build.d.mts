export declare const launcherPath: string;
export declare function buildLauncher(): Promise<string>;
