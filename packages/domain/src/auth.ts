import { z } from 'zod';

export const signInInput = z.object({
  email: z.string().trim().toLowerCase().min(1, 'Enter your email address').email('Enter an email address in the correct format, like name@example.com'),
  password: z.string().min(1, 'Enter your password').max(200, 'Password must be 200 characters or fewer'),
});
export type SignInInput = z.infer<typeof signInInput>;
