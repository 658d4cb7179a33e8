export * from './date-windows';
export * from './graph-fields';
export * from './graph-types';
export * from './metric-catalogue';
export * from './pacific-days';
export * from './versions';
