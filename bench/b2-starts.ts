import type { Benchmark } from './report';
export const b2Starts: Benchmark = async () => { throw new Error('not yet'); };
