import type { Benchmark } from './report';
export const b4Cost: Benchmark = async () => { throw new Error('not yet'); };
