export declare const MANIFEST_FILE: string;
export interface BuildManifest {
  sourceHash: string;
  artifacts: Record<string, string>;
}
export declare function sourceFiles(root: string): string[];
export declare function sourceHash(root: string): string;
export declare function sha256Hex(path: string): string;
export declare function buildManifest(root: string, outDir: string, artifactPaths: string[]): BuildManifest;
