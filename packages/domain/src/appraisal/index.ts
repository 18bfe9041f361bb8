export * from './appraisal.ts';
export * from './plymouth-shared-lives.ts';
