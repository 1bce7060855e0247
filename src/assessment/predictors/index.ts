/** The reoffending predictors (/work/shared/domain/predictors.md): pure calculators with their explanations. */
export * from './common.ts';
export * from './ogrs3.ts';
export * from './ogp.ts';
export * from './ovp.ts';
