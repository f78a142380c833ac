/** The headers Catalyst forward-auth answers with (lower-case, as Node reports them). */
export declare const IDENTITY_HEADERS: readonly string[];

export interface RunningUpstream {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the sample upstream on `host:port` (port 0: any free one). */
export declare function startUpstream(options?: {
  port?: number;
  host?: string;
}): Promise<RunningUpstream>;
