export * from './date-windows';
export * from './graph-types';
export * from './metric-catalogue';
export * from './pacific-days';
export * from './versions';
export * from './graph-fields';
