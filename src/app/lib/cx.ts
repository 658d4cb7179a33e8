import { type ClassValue, clsx } from 'clsx';
import { twMerge } from 'tailwind-merge';

/** Joins class names (clsx syntax) and resolves conflicting Tailwind classes, last one wins. */
export const cx = (...inputs: ClassValue[]): string => twMerge(clsx(inputs));
