/** Tables of scheduled work (migration 2026-11-25-0004-jobs). */
export interface JobTables {
  job_runs: {
    job: string;
    run_key: string;
    owner: string;
    started_at: string;
    finished_at: string | null;
    outcome: 'running' | 'done' | 'failed';
    detail: string;
  };
  warning_snapshots: {
    taken_on: string;
    region_code: string;
    total: number;
    open: number;
    red: number;
    yellow: number;
    stalled: number;
    green: number;
  };
}
