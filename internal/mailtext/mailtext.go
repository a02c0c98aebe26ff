// Package mailtext holds the texts of every mail consult sends: subjects and plain-text bodies,
// built from the base URL and the facts of the event. It imports nothing of consult, so the domain
// layer writes its mails itself.
package mailtext

import (
	"fmt"
	"strings"
)

// Text is a mail's subject and plain-text body.
type Text struct {
	Subject string
	Body    string
}

const signature = "\n\n-- \nconsult, public consultations on cybersecurity certification schemes\n"

// VerifyEmail asks a new stakeholder to confirm the address. The token travels in the URL
// fragment, which browsers never send to servers or in Referer headers. It carries no text the
// registering person chose (such as a display name), since they have not shown they own the address.
func VerifyEmail(baseURL, token string) Text {
	return Text{
		Subject: "Confirm your email address",
		Body: fmt.Sprintf("Hello,\n\nPlease confirm your email address to be able to comment:\n\n%s/verify-email#token=%s\n\n"+
			"The link works once, for 48 hours. If you did not register, ignore this mail.", baseURL, token) + signature,
	}
}

// AlreadyRegistered tells an account's owner that someone tried to register with the address,
// instead of telling the person registering (no account enumeration).
func AlreadyRegistered(baseURL string) Text {
	return Text{
		Subject: "Someone tried to register with your email address",
		Body: "Hello,\n\nSomeone, perhaps you, tried to create an account with this email address, which already has one.\n\n" +
			"If it was you, sign in at " + baseURL + " or reset your password at " + baseURL + "/password-reset.\n" +
			"If it was not you, you can ignore this mail; your account is unchanged." + signature,
	}
}

// PasswordReset carries a one-time link to set a new password.
func PasswordReset(baseURL, token string) Text {
	return Text{
		Subject: "Reset your password",
		Body: fmt.Sprintf("Hello,\n\nA new password was requested for your account. To set one, open:\n\n%s/password-reset#token=%s\n\n"+
			"The link works once, for one hour. If you did not ask for it, ignore this mail; your password is unchanged.", baseURL, token) + signature,
	}
}

// PasswordChanged warns the owner that the password changed and other sessions ended.
func PasswordChanged(baseURL string) Text {
	return Text{
		Subject: "Your password was changed",
		Body: "Hello,\n\nThe password of your account was just changed, and every other signed-in session was ended.\n\n" +
			"If you did not do this, reset your password at once at " + baseURL + "/password-reset." + signature,
	}
}

// CommentReceipt confirms a submitted comment with its tracking number and a summary.
func CommentReceipt(baseURL, consultation, tracking, commentType, publication, body string) Text {
	summary := []rune(body)
	if len(summary) > 500 {
		summary = append(summary[:500], '…')
	}
	return Text{
		Subject: "Comment received: " + tracking,
		Body: fmt.Sprintf("Hello,\n\nWe received your comment on \"%s\".\n\nTracking number: %s\nType: %s\nPublication: %s\n\n"+
			"Your comment begins:\n\n%s\n\nIt waits for moderation. You can follow it and, later, the decision on it at %s/me/comments.",
			consultation, tracking, commentType, publication, string(summary), baseURL) + signature,
	}
}

// ModerationOutcome tells an author what became of their comment.
func ModerationOutcome(baseURL, tracking, status, reason, note string, redacted bool) Text {
	var what string
	switch {
	case status == "rejected":
		what = "was not published (reason: " + reason + ")."
	case redacted:
		what = "was published with some passages removed by the moderators."
	default:
		what = "was published."
	}
	body := "Hello,\n\nYour comment " + tracking + " " + what
	if note != "" {
		body += "\n\nThe moderators' note: " + note
	}
	return Text{Subject: "Your comment " + tracking + ": moderation", Body: body + "\n\nSee your comments at " + baseURL + "/me/comments." + signature}
}

// ImportReceipt confirms a filled template with the tracking numbers it received.
func ImportReceipt(baseURL, consultation string, numbers []string) Text {
	return Text{
		Subject: fmt.Sprintf("%d comments received on %s", len(numbers), consultation),
		Body: fmt.Sprintf("Hello,\n\nWe received your comment template on \"%s\": %d comments. Their tracking numbers, in the order "+
			"of the template's rows:\n\n%s\n\nThey wait for moderation. You can follow them and, later, the decisions on them at %s/me/comments.",
			consultation, len(numbers), strings.Join(numbers, "\n"), baseURL) + signature,
	}
}
