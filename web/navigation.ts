/**
 * The main navigation shown to a signed-in person (layout.eta). The areas' owners set their
 * paths here.
 *
 * @module
 */

export interface NavigationItem {
  href: string;
  label: string;
}

export const NAVIGATION: readonly NavigationItem[] = [
  { href: '/', label: 'Mes échéances' },
  { href: '/conventions/nouvelle', label: 'Nouvelle convention' },
];
