import { exportBenchmark } from '../datasets/reports-export-bench.ts';

/** The figure: the Word synthesis report of a province for one week in under 2 s. */
export default exportBenchmark('docx');
