/*
 * The app's small UI building blocks, imported from here. Together about 1 KB gzip and used by
 * nearly every page, so they ship once in the entry chunk: imported one by one, a component that
 * two lazy routes share (Avatar, Section) became a chunk of its own, one more request each.
 */
export { Avatar } from './Avatar';
export { Button, ButtonLink } from './Button';
export { Card } from './Card';
export { DisclosureSummary } from './DisclosureSummary';
export { Input } from './Input';
export { PageHeader, PageTitle } from './PageHeader';
export { Section } from './Section';
export { Select } from './Select';
export { TextButton, TextLink } from './TextLink';
