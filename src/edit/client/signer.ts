// Who may sign, by the issuing body (NĐ 30, Điều 13): a body run by its head (Sở, Cục, Bộ …)
// signs by the head, a deputy for the head (KT.), an acting head (Q.), or by order (TL., TUQ.);
// a collective body (Ủy ban nhân dân, Hội đồng, Ban …) signs on behalf of the collective (TM.),
// by its head or a deputy. Pure data: the start page and the signer form offer these choices.

export type Authority = '' | 'KT.' | 'TM.' | 'TL.' | 'TUQ.' | 'Q.';

export interface SignerChoice {
  id: string;
  authority: Authority;
  /** Vietnamese label of the choice, e.g. "Cấp phó ký thay (KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC)". */
  label: string;
  position: string;
  /** The signer's own title, when different from the head's. */
  title?: string;
  onBehalfOf?: string;
  /** The title must be typed (TL., TUQ.: the head of the unit given the signature). */
  askTitle?: boolean;
}

const upper = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleUpperCase('vi-VN');

const HEADS: [RegExp, string][] = [
  [/^(UBND|ỦY BAN NHÂN DÂN)(?=\s|$)/u, 'CHỦ TỊCH'],
  [/^(HĐND|HỘI ĐỒNG NHÂN DÂN)(?=\s|$)/u, 'CHỦ TỊCH'],
  [/^SỞ(?=\s|$)/u, 'GIÁM ĐỐC'],
  [/^BỘ(?=\s|$)/u, 'BỘ TRƯỞNG'],
  [/^TỔNG CỤC(?=\s|$)/u, 'TỔNG CỤC TRƯỞNG'],
  [/^CHI CỤC(?=\s|$)/u, 'CHI CỤC TRƯỞNG'],
  [/^CỤC(?=\s|$)/u, 'CỤC TRƯỞNG'],
  [/^VỤ(?=\s|$)/u, 'VỤ TRƯỞNG'],
  [/^(TRUNG TÂM|BỆNH VIỆN|ĐÀI|BẢO TÀNG|THƯ VIỆN|NHÀ HÁT)(?=\s|$)/u, 'GIÁM ĐỐC'],
  [/^(VIỆN|HỌC VIỆN)(?=\s|$)/u, 'VIỆN TRƯỞNG'],
  [/^PHÒNG(?=\s|$)/u, 'TRƯỞNG PHÒNG'],
  [/^BAN(?=\s|$)/u, 'TRƯỞNG BAN'],
  [/^TRƯỜNG(?=\s|$)/u, 'HIỆU TRƯỞNG'],
  [/^THANH TRA(?=\s|$)/u, 'CHÁNH THANH TRA'],
  [/^VĂN PHÒNG(?=\s|$)/u, 'CHÁNH VĂN PHÒNG'],
];

const COLLECTIVE: [RegExp, string][] = [
  [/^(UBND|ỦY BAN NHÂN DÂN)(?=\s|$)/u, 'ỦY BAN NHÂN DÂN'],
  [/^(HĐND|HỘI ĐỒNG NHÂN DÂN)(?=\s|$)/u, 'HỘI ĐỒNG NHÂN DÂN'],
  [/^HỘI ĐỒNG(?=\s|$)/u, 'HỘI ĐỒNG'],
  [/^BAN CHỈ ĐẠO(?=\s|$)/u, 'BAN CHỈ ĐẠO'],
];

/** The head's position for an issuing body ("Sở Y tế" → "GIÁM ĐỐC"); "THỦ TRƯỞNG" when unknown. */
export function headOf(issuer: string): string {
  const body = upper(issuer);
  return HEADS.find(([re]) => re.test(body))?.[1] ?? 'THỦ TRƯỞNG';
}

/** The collective a body signs on behalf of ("ỦY BAN NHÂN DÂN"), if it is one. */
export function collectiveOf(issuer: string): string | undefined {
  const body = upper(issuer);
  return COLLECTIVE.find(([re]) => re.test(body))?.[1];
}

const cap = (s: string) => s.toLocaleLowerCase('vi-VN').replace(/^\p{L}/u, (c) => c.toLocaleUpperCase('vi-VN'));

/** The signing choices the issuing body allows, the usual one first. */
export function signerChoices(issuer: string): SignerChoice[] {
  const head = headOf(issuer);
  const deputy = `PHÓ ${head}`;
  const group = collectiveOf(issuer);
  if (group) {
    const g = cap(group);
    return [
      { id: 'tm', authority: 'TM.', position: head, onBehalfOf: group, label: `Thay mặt ${g}: ${cap(head)} ký (TM. ${group} / ${head})` },
      {
        id: 'tm-deputy',
        authority: 'TM.',
        position: head,
        title: deputy,
        onBehalfOf: group,
        label: `Thay mặt ${g}: ${cap(deputy)} ký thay (TM. ${group} / KT. ${head} / ${deputy})`,
      },
      { id: 'head', authority: '', position: head, label: `${cap(head)} ký (${head})` },
      { id: 'deputy', authority: 'KT.', position: head, title: deputy, label: `${cap(deputy)} ký thay (KT. ${head} / ${deputy})` },
    ];
  }
  return [
    { id: 'head', authority: '', position: head, label: `Người đứng đầu ký (${head})` },
    { id: 'deputy', authority: 'KT.', position: head, title: deputy, label: `Cấp phó ký thay (KT. ${head} / ${deputy})` },
    { id: 'acting', authority: 'Q.', position: head, label: `Quyền người đứng đầu ký (Q. ${head})` },
    { id: 'tl', authority: 'TL.', position: head, askTitle: true, label: `Thừa lệnh (TL. ${head} / chức vụ người được giao ký)` },
    { id: 'tuq', authority: 'TUQ.', position: head, askTitle: true, label: `Thừa ủy quyền (TUQ. ${head} / chức vụ người được ủy quyền)` },
  ];
}

/** Which choice a signer already in the plan is. */
export function choiceOf(s: { authority?: string; title?: string } | undefined): string {
  const a = s?.authority ?? '';
  if (a === 'TM.') return s?.title ? 'tm-deputy' : 'tm';
  return { '': 'head', 'KT.': 'deputy', 'Q.': 'acting', 'TL.': 'tl', 'TUQ.': 'tuq' }[a] ?? 'head';
}

/** "Sở Y tế" → "SYT", "Ủy ban nhân dân tỉnh Lào Cai" → "UBND" (a suggestion the clerk may change). */
export function abbreviationOf(name: string): string {
  const body = upper(name);
  if (/^(UBND|ỦY BAN NHÂN DÂN)/u.test(body)) return 'UBND';
  const words = body.split(/\s+/).filter((w) => !/^(VÀ|CỦA)$/u.test(w));
  return words
    .map((w) => w[0])
    .join('')
    .replace(/[^A-ZĐ0-9]/gu, (c) =>
      c
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .replace(/[^A-ZĐ0-9]/gu, ''),
    );
}

/** "UBND tỉnh Lào Cai" → "Lào Cai" (the địa danh of a provincial body). */
export function placeOf(parent: string | undefined, name: string): string {
  for (const s of [parent ?? '', name]) {
    const m = /(?:tỉnh|thành phố|tp\.?)\s+(.+)$/iu.exec(s.trim());
    if (m) return m[1].trim().replace(/^./u, (c) => c.toLocaleUpperCase('vi-VN'));
  }
  return '';
}
