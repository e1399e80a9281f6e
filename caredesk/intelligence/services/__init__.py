"""The intelligence verbs: train, activate and roll back models; read inbound messages and
classify new tickets. Ticket fields change only through ``caredesk.tickets.services``."""
