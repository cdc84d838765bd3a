import { registerErrorCodes } from '../../core/http/errors.ts';
import { registerMessages } from '../../core/i18n/messages.ts';
import { registerNotificationTemplates } from '../../core/notifications/index.ts';

type P = Record<string, unknown>;

/** Error codes, their messages (vi/en) and the notification templates of the petitions module. */
export function registerPetitionMessages(): void {
  registerErrorCodes({
    PETITION_FILE_REFUSED: 415,
    PETITION_FILE_TOO_LARGE: 413,
    PETITION_TOO_MANY_FILES: 413,
    PETITION_RATE_LIMITED: 429,
    PETITION_HONEYPOT: 400,
    PETITION_TRANSITION_NOT_ALLOWED: 409,
    PETITION_REOPEN_USED: 409,
    PETITION_ALREADY_RATED: 409,
    PETITION_NOT_PUBLISHABLE: 409,
    PETITION_AUTHORITY_UNKNOWN: 400,
    PETITION_TRANSFER_TARGET: 400,
    PETITION_AUTHORITY_EXISTS: 409,
    PETITION_ACCOUNT_NOT_AUTHORITY: 400,
    PETITION_ACCOUNT_OUTSIDE_UNIT: 400,
    PETITION_ACCOUNT_REQUIRED: 400,
  });
  registerMessages({
    PETITION_UNIT_REQUIRED: {
      vi: 'Hãy chọn nơi nhận: Mặt trận Trung ương, một tỉnh, thành phố hoặc một xã, phường, đặc khu.',
      en: 'Choose where to send it: the Central Front, a province or a commune.',
    },
    PETITION_CATEGORY_INVALID: { vi: 'Hãy chọn một lĩnh vực trong danh sách.', en: 'Choose a category from the list.' },
    PETITION_TITLE_LENGTH: {
      vi: 'Tiêu đề cần từ 10 đến 200 ký tự.',
      en: 'The title must be 10 to 200 characters long.',
    },
    PETITION_CONTENT_LENGTH: {
      vi: 'Nội dung cần từ 30 đến 5.000 ký tự.',
      en: 'The content must be 30 to 5,000 characters long.',
    },
    PETITION_ADDRESS_TOO_LONG: { vi: 'Địa chỉ tối đa 300 ký tự.', en: 'The address is at most 300 characters.' },
    PETITION_LOCATION_INVALID: {
      vi: 'Vị trí không hợp lệ (vĩ độ, kinh độ phải là số trong phạm vi cho phép).',
      en: 'The location is not valid (latitude and longitude must be numbers in range).',
    },
    PETITION_NAME_LENGTH: {
      vi: 'Họ và tên cần từ 2 đến 100 ký tự.',
      en: 'Your name must be 2 to 100 characters long.',
    },
    PETITION_PHONE_INVALID: {
      vi: 'Số điện thoại không đúng dạng số Việt Nam (ví dụ 0912 345 678 hoặc +84 912 345 678).',
      en: 'The phone number is not a Vietnamese number (e.g. 0912 345 678 or +84 912 345 678).',
    },
    PETITION_EMAIL_INVALID: { vi: 'Địa chỉ thư điện tử không hợp lệ.', en: 'The e-mail address is not valid.' },
    PETITION_CONSENT_REQUIRED: {
      vi: 'Cần đồng ý cho xử lý dữ liệu cá nhân để Mặt trận tiếp nhận và trả lời phản ánh (Luật Bảo vệ dữ liệu cá nhân 2025).',
      en: 'Consent to the processing of personal data is needed for the Front to receive and answer (Personal Data Protection Law 2025).',
    },
    PETITION_FILE_REFUSED: {
      vi: 'Tệp "{name}" không được nhận: chỉ nhận ảnh JPEG, PNG hoặc tài liệu PDF thật, không chứa mã lệnh.',
      en: 'File "{name}" was refused: only genuine JPEG or PNG photos and PDF documents without scripts are accepted.',
    },
    PETITION_FILE_TOO_LARGE: {
      vi: 'Tệp "{name}" quá lớn (tối đa {limit} mỗi tệp).',
      en: 'File "{name}" is too large (at most {limit} each).',
    },
    PETITION_TOO_MANY_FILES: { vi: 'Tối đa {max} tệp đính kèm.', en: 'At most {max} attachments.' },
    PETITION_RATE_LIMITED: {
      vi: 'Đã nhận nhiều phản ánh từ {what} trong thời gian ngắn. Vui lòng thử lại sau {after} hoặc gọi đường dây nóng của Mặt trận.',
      en: 'Many submissions came from {what} in a short time. Please try again in {after} or call the Front’s hotline.',
    },
    PETITION_HONEYPOT: {
      vi: 'Không gửi được: ô "Để trống ô này" phải để trống (ô này dùng để chặn máy gửi tự động).',
      en: 'Not sent: the "Leave this empty" box must stay empty (it stops automated senders).',
    },
    PETITION_TRANSITION_NOT_ALLOWED: {
      vi: 'Không thể chuyển phản ánh từ trạng thái "{from}" sang "{to}".',
      en: 'A case cannot go from "{from}" to "{to}".',
    },
    PETITION_REOPEN_USED: {
      vi: 'Phản ánh này đã được mở lại một lần; không thể mở lại thêm.',
      en: 'This case was already reopened once; it cannot be reopened again.',
    },
    PETITION_ALREADY_RATED: { vi: 'Câu trả lời này đã được đánh giá.', en: 'This answer was already rated.' },
    PETITION_NOT_PUBLISHABLE: {
      vi: 'Chỉ công khai được phản ánh đã có câu trả lời.',
      en: 'Only answered cases can be published.',
    },
    PETITION_AUTHORITY_UNKNOWN: {
      vi: 'Cơ quan có thẩm quyền không có trong danh bạ của đơn vị.',
      en: 'The authority is not in the unit’s directory.',
    },
    PETITION_TRANSFER_TARGET: {
      vi: 'Nơi chuyển đến phải là Mặt trận Trung ương, một tỉnh, thành phố hoặc một xã, phường, đặc khu khác.',
      en: 'The transfer must go to the Central Front, a province or another commune.',
    },
    PETITION_REASON_REQUIRED: { vi: 'Hãy chọn lý do từ chối.', en: 'Choose the reason for rejecting.' },
    PETITION_TEXT_REQUIRED: { vi: 'Nội dung không được để trống.', en: 'The text must not be empty.' },
    PETITION_RATING_INVALID: { vi: 'Hãy chọn mức hài lòng từ 1 đến 5.', en: 'Choose a rating from 1 to 5.' },
    PETITION_AUTHORITY_NAME_LENGTH: {
      vi: 'Tên cơ quan cần từ 3 đến 200 ký tự.',
      en: 'The authority’s name must be 3 to 200 characters long.',
    },
    PETITION_AUTHORITY_EXISTS: {
      vi: 'Đơn vị đã có một cơ quan cùng tên trong danh bạ.',
      en: 'The unit already has an authority with this name.',
    },
    PETITION_ACCOUNT_REQUIRED: { vi: 'Hãy chọn một tài khoản.', en: 'Choose an account.' },
    PETITION_ACCOUNT_NOT_AUTHORITY: {
      vi: 'Tài khoản này không có vai trò "Cơ quan có thẩm quyền".',
      en: 'This account does not hold the role "competent authority".',
    },
    PETITION_ACCOUNT_OUTSIDE_UNIT: {
      vi: 'Tài khoản thuộc đơn vị khác: nó không trả lời được phản ánh chuyển đến cơ quan của đơn vị này.',
      en: 'The account belongs to another unit: it could not answer cases forwarded to this unit’s authority.',
    },
    PETITION_DEADLINE_DAYS: {
      vi: 'Thời hạn là số ngày làm việc từ 1 đến 90.',
      en: 'The deadline is a number of working days from 1 to 90.',
    },
  });
  registerNotificationTemplates({
    'petitions.received': {
      vi: (p: P) => ({
        subject: `Đã tiếp nhận phản ánh ${p.code}`,
        body: `Mặt trận đã tiếp nhận phản ánh "${p.title}". Mã tra cứu: ${p.code}. Theo dõi tại ${p.url}`,
      }),
      en: (p: P) => ({
        subject: `Case ${p.code} received`,
        body: `The Front received "${p.title}". Tracking code: ${p.code}. Follow it at ${p.url}`,
      }),
    },
    'petitions.status': {
      vi: (p: P) => ({
        subject: `Phản ánh của bạn: ${p.status}`,
        body: `Phản ánh "${p.title}" đã chuyển sang trạng thái: ${p.status}. Tra cứu bằng mã đã nhận khi gửi tại ${p.url}`,
      }),
      en: (p: P) => ({
        subject: `Your case: ${p.status}`,
        body: `Your case "${p.title}" is now: ${p.status}. Look it up with the code you received at ${p.url}`,
      }),
    },
    'petitions.forwarded': {
      vi: (p: P) => ({
        subject: `Phản ánh chuyển đến ${p.authority} (hạn ${p.due})`,
        body: `Mặt trận chuyển phản ánh "${p.title}" (số ${p.id}) đến ${p.authority}, hạn trả lời ${p.due}. Xem và trả lời tại ${p.url}`,
      }),
      en: (p: P) => ({
        subject: `Case forwarded to ${p.authority} (due ${p.due})`,
        body: `The Front forwarded "${p.title}" (no. ${p.id}) to ${p.authority}, answer due ${p.due}. View and answer at ${p.url}`,
      }),
    },
    'petitions.handler_overdue': {
      vi: (p: P) => ({
        subject: `Nhắc việc: phản ánh số ${p.id} đã quá hạn trả lời`,
        body: `Phản ánh "${p.title}" (số ${p.id}) chuyển đến ${p.authority} đã quá hạn ${p.due} mà chưa có trả lời. Đề nghị đồng chí đôn đốc hoặc xử lý tiếp: ${p.url}`,
      }),
      en: (p: P) => ({
        subject: `Reminder: case ${p.id} is past its deadline`,
        body: `Case "${p.title}" (no. ${p.id}), forwarded to ${p.authority}, passed its deadline ${p.due} without an answer. Please follow it up: ${p.url}`,
      }),
    },
    'petitions.overdue': {
      vi: (p: P) => ({
        subject: `Nhắc việc: phản ánh số ${p.id} quá hạn`,
        body: `Phản ánh "${p.title}" (số ${p.id}) đã quá hạn xử lý ${p.due}. Đề nghị ${p.authority} trả lời sớm. ${p.url}`,
      }),
      en: (p: P) => ({
        subject: `Reminder: case ${p.id} is overdue`,
        body: `Case "${p.title}" (no. ${p.id}) passed its deadline ${p.due}. ${p.authority} is asked to answer. ${p.url}`,
      }),
    },
  });
}
