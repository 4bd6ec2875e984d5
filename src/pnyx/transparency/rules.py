"""Who may do what in the transparency app.

Opening the debate on an algorithm creates the consultation attached to it, owned by the platform
organisation; anyone who could then propose in it (signed in, with a confirmed e-mail address) may
open it, so that nobody has to wait for an administrator to question an algorithm.
"""

import rules

from pnyx.accounts.rules import has_confirmed_email, is_active_person

rules.add_perm("transparency.open_algorithm_debate", is_active_person & has_confirmed_email)
