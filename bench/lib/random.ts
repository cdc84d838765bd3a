/** The seeded PRNG lives in core, shared with the demo data generators. */
export * from '../../src/core/random.ts';
