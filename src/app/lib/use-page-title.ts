import { useEffect } from 'react';

export const PRODUCT_NAME = 'Instagram Insights';

export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · ${PRODUCT_NAME}` : PRODUCT_NAME;
  }, [title]);
}
