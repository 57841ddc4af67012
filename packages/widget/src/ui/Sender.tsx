/** Props of the sender line. */
export interface SenderProps {
  /** Already translated (`texts.senderName`, `texts.senderTitle`). */
  name: string;
  title: string;
  avatarUrl?: string | undefined;
}

/** The optional personal sender: a face and a name make people answer (and answer honestly). */
export function Sender({ name, title, avatarUrl }: SenderProps) {
  return (
    <div class="sender">
      {avatarUrl && <img src={avatarUrl} alt="" width={28} height={28} />}
      <span>
        <b>{name}</b>
        {title && <small>{title}</small>}
      </span>
    </div>
  );
}
