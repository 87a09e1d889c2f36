// The audience page's address as people share it: a QR code to put on screen or on a slide, the
// link itself, and a button that copies it.
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rememberLinkCopied } from '../producer/checklist';

export function AudienceLink({ url }: { url: string }) {
  const { t } = useTranslation();
  const [qr, setQr] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    let current = true;
    QRCode.toDataURL(url, { margin: 1, width: 240 })
      .then((data) => current && setQr(data))
      .catch(() => current && setQr(null));
    return () => {
      current = false;
    };
  }, [url]);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(url);
      // The first-run checklist counts the link as shared once it was copied here.
      rememberLinkCopied(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="audience-link" data-testid="audience-link">
      {qr && <img className="audience-link__qr" src={qr} alt={t('settings.audienceQr')} />}
      <div className="audience-link__text">
        <p className="muted">{t('settings.audienceAt')}</p>
        <a href={url} target="_blank" rel="noreferrer" data-testid="audience-url">
          {url}
        </a>
        <button type="button" className="button" onClick={() => void copy()}>
          {copied ? t('settings.copied') : t('settings.copyLink')}
        </button>
      </div>
    </div>
  );
}
