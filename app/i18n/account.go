package i18n

// The panel that adds or edits an account, and its form.
var (
	AddTitle  = Message{"Add an account", "アカウントを追加"}
	EditTitle = Message{"Edit account", "アカウントを編集"}
	// AddScanned says that the form was filled from a QR code.
	AddScanned = Message{"Read from the QR code. Check the details, then add the account.",
		"QR コードから読み取りました。内容を確認してから、アカウントを追加してください。"}
	AddURILabel       = Message{"Paste an otpauth:// link", "otpauth:// のリンクを貼り付け"}
	AddURIPlaceholder = Message{"otpauth://totp/…", "otpauth://totp/…"}
	AddFillIn         = Message{"Fill in", "反映"}
	AddOrType         = Message{"or type the details", "または手動で入力"}
	AddIssuer         = Message{"Issuer (the site or company)", "サービス名（サイトや会社の名前）"}
	AddName           = Message{"Account name", "アカウント名"}
	AddSecret         = Message{"Secret key", "シークレットキー"}
	EditSecret        = Message{"Secret key (leave empty to keep it)", "シークレットキー（変更しない場合は空欄のまま）"}
	AddAdvanced       = Message{"Type, algorithm, digits and period", "種類・アルゴリズム・桁数・周期"}
	AddType           = Message{"Type", "種類"}
	AddTOTP           = Message{"Time-based (TOTP)", "時間ベース（TOTP）"}
	AddHOTP           = Message{"Counter-based (HOTP)", "カウンターベース（HOTP）"}
	AddAlgorithm      = Message{"Algorithm", "アルゴリズム"}
	AddDigits         = Message{"Digits", "桁数"}
	AddPeriod         = Message{"Period (seconds)", "周期（秒）"}
	AddCounter        = Message{"Counter", "カウンター"}
	AddGroup          = Message{"Group (optional)", "グループ（任意）"}
	AddNote           = Message{"Note (optional)", "メモ（任意）"}
	AddSubmit         = Message{"Add account", "アカウントを追加"}
	EditSave          = Message{"Save", "保存"}
	AddSaving         = Message{"Saving…", "保存しています…"}
	AddCancel         = Message{"Cancel", "キャンセル"}
	EditDelete        = Message{"Delete…", "削除…"}
	// EditConfirmName names the account to delete: its issuer and its
	// name.
	EditConfirmName = Message{"%[1]s (%[2]s)", "%[1]s（%[2]s）"}
	// EditConfirmTitle: the argument is the account.
	EditConfirmTitle = Message{"Delete %[1]s?", "「%[1]s」を削除しますか？"}
	EditConfirmText  = Message{"Its codes will be gone from this vault. Make sure you can still sign in " +
		"to this account another way, or turn two-factor sign-in off there first.",
		"このアカウントのコードは保管庫から消えます。別の方法でこのアカウントにログインできることを確かめるか、" +
			"先にそのサービスで 2 段階認証をオフにしてください。"}
	EditDeleteYes = Message{"Delete", "削除"}
	EditKeep      = Message{"Keep it", "削除しない"}
	// AddDuplicate refuses an account the vault already holds.
	AddDuplicate = Message{"This account is already in your vault.", "このアカウントはすでに保管庫にあります。"}
	// EditGone refuses a change to an account that is no longer there.
	EditGone = Message{"This account was deleted, perhaps in another tab.",
		"このアカウントは削除されています（別のタブで削除された可能性があります）。"}
)

// What is wrong with a field of the form.
var (
	AddNeedName = Message{"Give the account a name or an issuer, so you can find it.",
		"あとで見つけられるように、サービス名かアカウント名を入力してください。"}
	AddBadType      = Message{"Choose TOTP, HOTP or Steam.", "TOTP、HOTP、Steam のいずれかを選んでください。"}
	AddBadAlgorithm = Message{"Choose SHA1, SHA256 or SHA512.", "SHA1、SHA256、SHA512 のいずれかを選んでください。"}
	AddBadDigits    = Message{"Digits must be 6, 7 or 8.", "桁数は 6、7、8 のいずれかにしてください。"}
	// AddBadPeriod: the arguments are the shortest and the longest
	// period, in seconds.
	AddBadPeriod = Message{"The period is a number of seconds from %[1]d to %[2]d (usually 30).",
		"周期は %[1]d〜%[2]d の秒数で指定してください（通常は 30）。"}
	AddBadCounter = Message{"The counter is a whole number, 0 or more.", "カウンターは 0 以上の整数で指定してください。"}
	// The secret key. The argument of AddSecretCharacter and
	// AddSecretPadding is the position of the wrong character (the first
	// is 1); a message never quotes the secret.
	AddSecretEmpty     = Message{"Enter the secret key the site showed you.", "サイトに表示されたシークレットキーを入力してください。"}
	AddSecretCharacter = Message{"The secret key is not valid base32: character %[1]d is not base32 (A to Z, 2 to 7).",
		"シークレットキーが base32 として正しくありません。%[1]d 文字目が base32 の文字（A〜Z、2〜7）ではありません。"}
	AddSecretPadding = Message{"The secret key is not valid base32: character %[1]d follows '=' padding.",
		"シークレットキーが base32 として正しくありません。%[1]d 文字目が、末尾にしか置けない「=」の後にあります。"}
	AddSecretLength = Message{"The secret key is not valid base32: base32 length is wrong (a character is missing or extra).",
		"シークレットキーが base32 として正しくありません。文字数が合いません（文字が欠けているか、余分にあります）。"}
	AddSecretInvalid = Message{"The secret key is not valid base32.", "シークレットキーが base32 として正しくありません。"}
)

// What is wrong with a pasted or scanned otpauth:// link.
var (
	AddURIScheme = Message{"This is not an account link: it must start with otpauth://.",
		"アカウントのリンクではありません。otpauth:// で始まるリンクを貼り付けてください。"}
	AddURIMigration = Message{"This is a Google Authenticator export, not a single account: scan its QR codes instead.",
		"これは Google Authenticator のエクスポートで、1 つのアカウントのリンクではありません。エクスポートの QR コードを読み取ってください。"}
	AddURIType = Message{"This account link has a type Twofold does not know: it reads totp, hotp and steam.",
		"このアカウントのリンクの種類は使えません。使えるのは totp、hotp、steam です。"}
	AddURIName = Message{"The account name in this link is not valid.",
		"このリンクのアカウント名が正しくありません。"}
	AddURIIssuer = Message{"The issuer in this link is not valid.",
		"このリンクのサービス名が正しくありません。"}
	AddURIIssuerMismatch = Message{"This link names two different issuers.",
		"このリンクには、異なる 2 つのサービス名が書かれています。"}
	AddURINoSecret = Message{"This link holds no secret key.",
		"このリンクにはシークレットキーがありません。"}
	// AddURISecret: the argument says what is wrong with the secret key.
	AddURISecret = Message{"This link's secret key cannot be used. %[1]s",
		"このリンクのシークレットキーは使えません。%[1]s"}
	AddURIDigits = Message{"This link asks for a number of digits Twofold cannot use.",
		"このリンクの桁数は使えません。"}
	AddURIPeriod = Message{"The period in this link is not valid.",
		"このリンクの周期が正しくありません。"}
	AddURICounter = Message{"The counter in this link is not valid.",
		"このリンクのカウンターが正しくありません。"}
	AddURIAlgorithm = Message{"This link's algorithm is not SHA1, SHA256 or SHA512.",
		"このリンクのアルゴリズムは使えません。使えるのは SHA1、SHA256、SHA512 です。"}
	// AddURIOther: the argument is the error, in English.
	AddURIOther = Message{"This is not an account link: %[1]s.",
		"アカウントのリンクではありません（%[1]s）。"}
)
