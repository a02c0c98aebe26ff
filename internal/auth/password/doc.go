// Package password stores and checks the passwords of user accounts.
//
// Hashing uses argon2id with the OWASP Password Storage Cheat Sheet parameters (19 MiB of memory,
// two passes, one lane), a 16-byte random salt and a 32-byte key, encoded in the PHC string form
//
//	$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>
//
// Verification reads the parameters back from that string, so they can be raised later without
// invalidating stored hashes; NeedsRehash tells when a stored hash should be replaced after a
// successful sign-in. A Hasher hashes within a Budget: a bounded number of hashes run at once, a
// few callers wait briefly, and the rest are turned away with ErrBusy, so a flood of sign-in
// attempts neither exhausts memory nor takes every processor nor queues without bound.
//
// Check applies the password policy for new passwords (OWASP ASVS 5.0, V6.2): 12 to 128
// characters of any composition, valid UTF-8, not a common password, not a character or short
// pattern repeated, and not built from context-specific words. Passwords are used exactly as
// received: no trimming, truncation, case folding or Unicode normalisation.
//
// The package has no database or HTTP dependency.
package password
